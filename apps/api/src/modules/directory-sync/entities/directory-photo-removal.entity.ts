import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A photo to take down again because its employee was erased (queued by a database trigger). The e-mail
 * is kept only until the removal has been tried, then cleared, since the person is otherwise gone.
 */
@Entity({ name: 'directory_photo_removal' })
export class DirectoryPhotoRemoval {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', default: 'pending' }) state!: 'pending' | 'queued' | 'done' | 'failed' | 'unsupported';
  @Column({ type: 'text', nullable: true }) detail!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
