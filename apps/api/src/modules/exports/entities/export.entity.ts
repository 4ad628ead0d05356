import type { ExportFilter, ExportState } from '@teamframe/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A ZIP of approved headshots for marketing: built on the `export` queue, downloadable until it expires. */
@Entity({ name: 'export' })
export class Export {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ type: 'jsonb' }) filter!: ExportFilter;
  @Column({ type: 'jsonb' }) renditions!: string[];
  @Column({ type: 'text' }) naming!: string;
  @Column({ name: 'include_email', type: 'boolean', default: false }) includeEmail!: boolean;
  @Column({ type: 'text', default: 'queued' }) state!: ExportState;
  @Column({ type: 'real', default: 0 }) progress!: number;
  @Column({ type: 'int', nullable: true }) people!: number | null;
  /** Who is in the archive, so erasing an employee finds the exports that contain them. */
  @Column({ name: 'employee_ids', type: 'uuid', array: true, default: () => "'{}'" }) employeeIds!: string[];
  @Column({ name: 'file_key', type: 'text', nullable: true }) fileKey!: string | null;
  // bigint arrives as a string from pg; the service converts.
  @Column({ type: 'bigint', nullable: true }) size!: string | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
