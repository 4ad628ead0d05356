import type { UploadCheckWait } from '@teamframe/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A selfie stored by an `api` process and owed its instant checks by a worker (see UploadCheckQueue):
 * where it waits in storage, and when its job was last queued (the sweep queues it again when Redis
 * lost it), and what it waits for when its check is parked (storage full, org suspended). Deleted in the
 * transaction that records the check's outcome.
 */
@Entity({ name: 'upload_check' })
export class UploadCheck {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId!: string;
  @Column({ name: 'invite_id', type: 'uuid', nullable: true }) inviteId!: string | null;
  @Column({ name: 'incoming_key', type: 'text' }) incomingKey!: string;
  @Column({ type: 'integer', default: 0 }) requeued!: number;
  @Column({ name: 'waiting_for', type: 'text', nullable: true }) waitingFor!: UploadCheckWait | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'now()' }) queuedAt!: Date;
}
