import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SsoDiscoverQuery } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import { SsoDomainClaim } from '../domains/entities/sso-domain-claim.entity';
import { Org } from '../orgs/entities/org.entity';
import { OrgSsoConfig } from './entities/org-sso-config.entity';
import { OrgSsoSpKey } from './entities/org-sso-sp-key.entity';

/** The SQL of an org's single sign-on: its IdP settings (`org_sso_config`) and its SP key pair (`org_sso_sp_key`). */
@Injectable()
export class SsoRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  config(orgId: string): Promise<OrgSsoConfig | null> {
    return this.db.getRepository(OrgSsoConfig).findOneBy({ orgId });
  }

  enabledConfig(orgId: string): Promise<OrgSsoConfig | null> {
    return this.db.getRepository(OrgSsoConfig).findOneBy({ orgId, enabled: true });
  }

  /** Inserts the org's first configuration or updates it. */
  async saveConfig(cfg: OrgSsoConfig): Promise<void> {
    await this.db.getRepository(OrgSsoConfig).save(cfg);
  }

  /** True when the org's owner turned password sign-in off (SSO only). */
  passwordSignInDisabled(orgId: string): Promise<boolean> {
    return this.db.getRepository(OrgSsoConfig).existsBy({ orgId, passwordLoginDisabled: true });
  }

  /**
   * The org with SSO switched on that a sign-in page should send this person to: by slug, or by the
   * domain of an email address — a verified domain only, as a claim alone would let any org catch
   * another company's people.
   */
  orgForSignIn(query: SsoDiscoverQuery): Promise<Org | null> {
    const qb = this.db.getRepository(Org).createQueryBuilder('o').innerJoin(OrgSsoConfig, 'c', 'c.org_id = o.id AND c.enabled');
    if ('email' in query) qb.innerJoin(SsoDomainClaim, 'd', 'd.org_id = o.id AND d.verified_at IS NOT NULL').where('d.domain = :domain', { domain: query.email.split('@')[1] });
    else qb.where('o.slug = :slug', { slug: query.slug });
    return qb.getOne();
  }

  spKey(orgId: string): Promise<OrgSsoSpKey | null> {
    return this.db.getRepository(OrgSsoSpKey).findOneBy({ orgId });
  }

  /** Stores the org's key pair unless one is there already (two first requests at once: the first insert wins); returns the stored one. */
  async keepFirstSpKey(row: Pick<OrgSsoSpKey, 'orgId' | 'certificate' | 'privateKeyEncrypted'>): Promise<OrgSsoSpKey> {
    await this.db.getRepository(OrgSsoSpKey).createQueryBuilder().insert().values(row).orIgnore().execute();
    return this.db.getRepository(OrgSsoSpKey).findOneByOrFail({ orgId: row.orgId });
  }
}
