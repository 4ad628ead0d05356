import type { EmployeeStatus } from '@teamframe/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person of an org who gets a headshot. Not a user: employees never sign in. */
@Entity({ name: 'employee' })
export class Employee {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName!: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName!: string;

  @Column({ type: 'text', default: '' })
  title!: string;

  @Column({ type: 'text', default: '' })
  department!: string;

  /** Values of the org's custom fields by key; only non-empty values are kept. */
  @Column({ name: 'custom_fields', type: 'jsonb', default: () => "'{}'::jsonb" })
  customFields!: Record<string, string>;

  /** BCP 47 tag of the language the employee's mails and upload page use; null: the org's default. */
  @Column({ type: 'text', nullable: true })
  language!: string | null;

  @Column({ type: 'text', default: 'not_invited' })
  status!: EmployeeStatus;

  @Column({ name: 'invited_at', type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  @Column({ name: 'consent_accepted_at', type: 'timestamptz', nullable: true })
  consentAcceptedAt!: Date | null;

  @Column({ name: 'consent_version', type: 'text', nullable: true })
  consentVersion!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
