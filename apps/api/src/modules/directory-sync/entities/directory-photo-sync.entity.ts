import type { DirectoryPersonSyncDto } from '@teamframe/shared-types';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Per person and connection: the headshot last pushed (or to push) and how it went. */
@Entity({ name: 'directory_photo_sync' })
export class DirectoryPhotoSync {
  @PrimaryColumn({ name: 'employee_id', type: 'uuid' }) employeeId!: string;
  @PrimaryColumn({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'headshot_id', type: 'uuid' }) headshotId!: string;
  @Column({ type: 'text' }) state!: DirectoryPersonSyncDto['state'];
  @Column({ type: 'text', nullable: true }) detail!: string | null;
  @Column({ name: 'synced_headshot_id', type: 'uuid', nullable: true }) syncedHeadshotId!: string | null;
  @Column({ name: 'synced_at', type: 'timestamptz', nullable: true }) syncedAt!: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
