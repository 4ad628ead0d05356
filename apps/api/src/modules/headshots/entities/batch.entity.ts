import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** HR's "process these now", pinned to the style version it was started with. */
@Entity({ name: 'batch' })
export class Batch {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'style_version_id', type: 'uuid' }) styleVersionId!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ type: 'int' }) total!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
