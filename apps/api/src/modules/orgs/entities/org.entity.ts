import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'org' })
export class Org {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ name: 'processing_mode', type: 'text', default: 'on_arrival' })
  processingMode!: 'on_arrival' | 'batch';

  /** The employee side's language for people without one of their own (BCP 47 tag). */
  @Column({ name: 'default_language', type: 'text', default: 'en' })
  defaultLanguage!: string;

  @Column({ name: 'current_style_version_id', type: 'uuid', nullable: true })
  currentStyleVersionId!: string | null;

  /** Set by the platform operator: nobody of the org signs in, no selfie is accepted. */
  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  /** Quotas set by the operator; null means no limit. */
  @Column({ name: 'max_employees', type: 'int', nullable: true })
  maxEmployees!: number | null;

  // bigint comes back from pg as a string; the quota service converts it.
  @Column({ name: 'max_storage_bytes', type: 'bigint', nullable: true })
  maxStorageBytes!: string | null;

  /** Retention (see RetentionService): when selfies and unapproved results are deleted. */
  @Column({ name: 'delete_originals_after_approval', type: 'boolean', default: true })
  deleteOriginalsAfterApproval!: boolean;

  @Column({ name: 'delete_originals_after_days', type: 'int', nullable: true })
  deleteOriginalsAfterDays!: number | null;

  @Column({ name: 'delete_unapproved_after_days', type: 'int', nullable: true })
  deleteUnapprovedAfterDays!: number | null;

  @Column({ name: 'export_expiry_hours', type: 'int', default: 72 })
  exportExpiryHours!: number;

  /** Brand (see BrandService): the logo's storage key and the palette offered in the style editor. */
  @Column({ name: 'logo_key', type: 'text', nullable: true })
  logoKey!: string | null;

  @Column({ name: 'brand_colours', type: 'jsonb', default: () => "'[]'::jsonb" })
  brandColours!: string[];

  /** Invites (see InvitesService): new employees are invited on import, only at these e-mail domains. */
  @Column({ name: 'auto_invite', type: 'boolean', default: false })
  autoInvite!: boolean;

  @Column({ name: 'invite_domains', type: 'jsonb', default: () => "'[]'::jsonb" })
  inviteDomains!: string[];

  @Column({ name: 'auto_invite_since', type: 'timestamptz', nullable: true })
  autoInviteSince!: Date | null;

  /** Campaigns: approved headshots older than this many months are due again (null: never). */
  @Column({ name: 'refresh_months', type: 'int', nullable: true })
  refreshMonths!: number | null;

  /** Exports: marketing may include work e-mail addresses. */
  @Column({ name: 'marketing_sees_emails', type: 'boolean', default: false })
  marketingSeesEmails!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
