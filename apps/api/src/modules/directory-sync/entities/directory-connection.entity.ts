import type { DirectoryKind } from '@teamframe/shared-types';
import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One connection per org and directory; its credentials are sealed (AES-256-GCM, bound to the connection id). */
@Entity({ name: 'directory_connection' })
export class DirectoryConnection {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ type: 'text' }) kind!: DirectoryKind;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ type: 'text' }) rendition!: string;
  @Column({ type: 'jsonb' }) config!: Record<string, string>;
  @Column({ name: 'credentials_sealed', type: 'text', nullable: true }) credentialsSealed!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
