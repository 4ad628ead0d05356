import type { EntityManager } from 'typeorm';
import { OrgSsoConfig } from './entities/org-sso-config.entity';

/** True when the org's owner turned password sign-in off (SSO only). Used by AuthService.login. */
export function isPasswordSignInDisabled(db: EntityManager, orgId: string): Promise<boolean> {
  return db.getRepository(OrgSsoConfig).existsBy({ orgId, passwordLoginDisabled: true });
}
