// What the SSO feature adds to the database schema; listed in core/database/schema.ts.
import type { MigrationInterface } from 'typeorm';
import { Sso1764000002000 } from '../../database/migrations/1764000002000-Sso';
import { SsoKeys1764000011000 } from '../../database/migrations/1764000011000-SsoKeys';
import { SsoDomainClaims1764000014000 } from '../../database/migrations/1764000014000-SsoDomainClaims';
import { SsoDomainClaim } from '../domains/entities/sso-domain-claim.entity';
import { OrgSsoConfig } from './entities/org-sso-config.entity';
import { OrgSsoSpKey } from './entities/org-sso-sp-key.entity';

export const SSO_ENTITIES: (new () => object)[] = [OrgSsoConfig, OrgSsoSpKey, SsoDomainClaim];
// TypeORM runs migrations in timestamp order, whatever their place in MIGRATIONS.
export const SSO_MIGRATIONS: (new () => MigrationInterface)[] = [Sso1764000002000, SsoKeys1764000011000, SsoDomainClaims1764000014000];
