import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SsoDomainClaims1764000014000 implements MigrationInterface {
  name = 'SsoDomainClaims1764000014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sso_domain_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        domain text NOT NULL CHECK (domain = lower(domain)),
        dns_token text NOT NULL,
        mail_code_hash text,
        mail_code_expires_at timestamptz,
        mail_sent_to text,
        verified_at timestamptz,
        verified_by text CHECK (verified_by IN ('dns', 'mail')),
        last_checked_at timestamptz,
        last_check_result text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, domain),
        CHECK ((verified_at IS NULL) = (verified_by IS NULL))
      )`);
    // Any number of orgs may claim a domain; only one can hold it verified (and so route its people).
    await q.query(`CREATE UNIQUE INDEX sso_domain_claim_one_verified ON sso_domain_claim (domain) WHERE verified_at IS NOT NULL`);
    await q.query(`CREATE INDEX sso_domain_claim_domain ON sso_domain_claim (domain)`);
    // Domains saved before proofs existed become claims to prove: they stop routing until then.
    await q.query(`
      INSERT INTO sso_domain_claim (org_id, domain, dns_token)
      SELECT c.org_id, d.domain, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
        FROM org_sso_config c CROSS JOIN LATERAL unnest(c.email_domains) AS d(domain)
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_domain_claim`);
  }
}
