import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One delivery attempt of one event to one endpoint: the log owners read to find out why something failed. */
@Entity({ name: 'webhook_delivery' })
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'endpoint_id', type: 'uuid' }) endpointId!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ type: 'int' }) attempt!: number;
  @Column({ name: 'status_code', type: 'int', nullable: true }) statusCode!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'duration_ms', type: 'int' }) durationMs!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}
