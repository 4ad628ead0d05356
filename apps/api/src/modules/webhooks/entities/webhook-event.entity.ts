import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox: written in the same transaction as the change it reports, moved to the queue by the
 * dispatcher (which sets `dispatchedAt`). `endpointId`: a test event for that one endpoint.
 */
@Entity({ name: 'webhook_event' })
export class WebhookEvent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'jsonb' }) data!: Record<string, unknown>;
  @Column({ name: 'endpoint_id', type: 'uuid', nullable: true }) endpointId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt!: Date | null;
}
