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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
