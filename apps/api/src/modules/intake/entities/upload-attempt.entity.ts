import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A selfie the instant checks refused: when, and the checks the employee was shown (codes and
 * sentences), so HR sees why someone is still missing. The photo itself is never kept.
 */
@Entity({ name: 'upload_attempt' })
export class UploadAttempt {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId!: string;
  @Column({ name: 'invite_id', type: 'uuid', nullable: true }) inviteId!: string | null;
  @Column({ type: 'jsonb' }) checks!: { code: string; sentence: string }[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
