import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An org's claim to an e-mail domain for SSO discovery. It routes people only once `verifiedAt` is
 * set, by a DNS TXT record carrying `dnsToken` or a link mailed to a role mailbox at the domain; at
 * most one claim per domain is verified (unique index).
 */
@Entity({ name: 'sso_domain_claim' })
export class SsoDomainClaim {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @Column({ type: 'text' })
  domain!: string;

  /** This org's own value for the TXT record (public by nature: it is published in DNS). */
  @Column({ name: 'dns_token', type: 'text' })
  dnsToken!: string;

  /** SHA-256 of the code in the verification link; the code itself is only in the mail. */
  @Column({ name: 'mail_code_hash', type: 'text', nullable: true })
  mailCodeHash!: string | null;

  @Column({ name: 'mail_code_expires_at', type: 'timestamptz', nullable: true })
  mailCodeExpiresAt!: Date | null;

  @Column({ name: 'mail_sent_to', type: 'text', nullable: true })
  mailSentTo!: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ name: 'verified_by', type: 'text', nullable: true })
  verifiedBy!: 'dns' | 'mail' | null;

  @Column({ name: 'last_checked_at', type: 'timestamptz', nullable: true })
  lastCheckedAt!: Date | null;

  @Column({ name: 'last_check_result', type: 'text', nullable: true })
  lastCheckResult!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
