import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'org' })
export class Org {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ name: 'processing_mode', type: 'text', default: 'on_arrival' })
  processingMode!: 'on_arrival' | 'batch';

  @Column({ name: 'current_style_version_id', type: 'uuid', nullable: true })
  currentStyleVersionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
