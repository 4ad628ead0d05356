import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Not, type Repository } from 'typeorm';
import { SsoDomainClaim } from './entities/sso-domain-claim.entity';

export interface ClaimWithOrgRow {
  domain: string;
  org_id: string;
  name: string;
  slug: string;
  verified_at: Date | null;
  verified_by: 'dns' | 'mail' | null;
  created_at: Date;
}

/** The SQL of SSO e-mail domain claims (sso_domain_claim): the entity where it reads plainly, raw SQL for sets and joins. */
@Injectable()
export class DomainClaimsRepository {
  private readonly claims: Repository<SsoDomainClaim>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.claims = db.getRepository(SsoDomainClaim);
  }

  ofOrg(orgId: string): Promise<SsoDomainClaim[]> {
    return this.claims.find({ where: { orgId }, order: { domain: 'ASC' } });
  }

  find(orgId: string, domain: string): Promise<SsoDomainClaim | null> {
    return this.claims.findOneBy({ orgId, domain });
  }

  byMailCodeHash(hash: string): Promise<SsoDomainClaim | null> {
    return this.claims.findOneBy({ mailCodeHash: hash });
  }

  verified(): Promise<SsoDomainClaim[]> {
    return this.claims.findBy({ verifiedAt: Not(IsNull()) });
  }

  /** One of `domains` that another org holds verified, or undefined. */
  async heldElsewhere(orgId: string, domains: string[]): Promise<string | undefined> {
    const [held]: { domain: string }[] = await this.db.query(`SELECT domain FROM sso_domain_claim WHERE domain = ANY($1) AND org_id <> $2 AND verified_at IS NOT NULL LIMIT 1`, [domains, orgId]);
    return held?.domain;
  }

  /** The org whose verified claim routes `domain`. */
  async verifiedOrg(domain: string): Promise<string | undefined> {
    const [row]: { org_id: string }[] = await this.db.query(`SELECT org_id FROM sso_domain_claim WHERE domain = $1 AND verified_at IS NOT NULL`, [domain]);
    return row?.org_id;
  }

  /** Makes the org's claims the list `domains`: new ones start pending with their token, removed ones go. */
  async replaceAll(orgId: string, domains: string[], newToken: () => string): Promise<void> {
    await this.db.query(`DELETE FROM sso_domain_claim WHERE org_id = $1 AND NOT (domain = ANY($2))`, [orgId, domains]);
    for (const domain of domains) {
      await this.db.query(`INSERT INTO sso_domain_claim (org_id, domain, dns_token) VALUES ($1, $2, $3) ON CONFLICT (org_id, domain) DO NOTHING`, [orgId, domain, newToken()]);
    }
  }

  async update(id: string, changes: Partial<Pick<SsoDomainClaim, 'mailCodeHash' | 'mailCodeExpiresAt' | 'mailSentTo' | 'verifiedAt' | 'verifiedBy' | 'lastCheckedAt' | 'lastCheckResult'>>): Promise<void> {
    await this.claims.update({ id }, changes);
  }

  /** Every claim of every org, with the org's name and slug (for the platform operator). */
  allWithOrg(): Promise<ClaimWithOrgRow[]> {
    return this.db.query(`SELECT c.domain, c.org_id, o.name, o.slug, c.verified_at, c.verified_by, c.created_at FROM sso_domain_claim c JOIN org o ON o.id = c.org_id ORDER BY c.domain, c.verified_at NULLS LAST, c.created_at`);
  }

  /**
   * The claim goes, and the domain leaves the org's SSO configuration in the same transaction.
   * (org_sso_config is the SSO module's table; its statement moves to an SSO repository when one exists.)
   */
  async release(m: EntityManager, claimId: string, orgId: string, domain: string): Promise<void> {
    await m.query(`DELETE FROM sso_domain_claim WHERE id = $1`, [claimId]);
    await m.query(`UPDATE org_sso_config SET email_domains = array_remove(email_domains, $2) WHERE org_id = $1`, [orgId, domain]);
  }

}
