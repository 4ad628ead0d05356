import type { ColourSpace, HeadshotAdjustments, HeadshotStateName } from '@teamframe/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The states are listed once, in shared-types (HEADSHOT_STATES); the moves between them in headshot-lifecycle.ts. */
export type HeadshotState = HeadshotStateName;

export interface StoredRendition {
  name: string;
  key: string;
  format: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** `cmyk` for a print file; absent on headshots made before print renditions existed (all sRGB). */
  colourSpace?: ColourSpace;
  /** The DPI written into the file; absent on headshots made before it was recorded. */
  dpi?: number;
}

/** One run of the pipeline on one upload with one style version: unique per (upload, style version, variant). */
@Entity({ name: 'headshot' })
export class Headshot {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId!: string;
  @Column({ name: 'upload_id', type: 'uuid' }) uploadId!: string;
  @Column({ name: 'style_version_id', type: 'uuid' }) styleVersionId!: string;
  @Column({ name: 'batch_id', type: 'uuid', nullable: true }) batchId!: string | null;
  /** 0 for the first render of an upload with a style; HR's regenerations count up. */
  @Column({ type: 'int', default: 0 }) variant!: number;
  /** HR's per-person tweaks for this version (crop nudge, background blur, exposure), or null. */
  @Column({ type: 'jsonb', nullable: true }) adjustments!: HeadshotAdjustments | null;
  @Column({ type: 'text', default: 'waiting' }) state!: HeadshotState;
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason!: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) renditions!: StoredRendition[];
  @Column({ type: 'jsonb', nullable: true }) report!: Record<string, unknown> | null;
  @Column({ name: 'quality_score', type: 'real', nullable: true }) qualityScore!: number | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy!: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
