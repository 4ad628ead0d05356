import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A selfie an employee sent, stored metadata-free under `originalKey`. */
@Entity({ name: 'upload' })
export class Upload {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId!: string;
  @Column({ name: 'original_key', type: 'text' }) originalKey!: string;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'int' }) width!: number;
  @Column({ type: 'int' }) height!: number;
  @Column({ type: 'int' }) bytes!: number;
  @Column({ name: 'source_format', type: 'text' }) sourceFormat!: string;
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) checks!: unknown[];
  /** Set when retention deleted the selfie's file; the row stays for the headshots made from it. */
  @Column({ name: 'original_deleted_at', type: 'timestamptz', nullable: true }) originalDeletedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
