import type { WebhookEventType } from '@teamframe/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Where an org's webhooks go. The signing secret must be read back to sign, so it is sealed (AES-256-GCM),
 * not hashed; during a rotation the previous one keeps signing until `previousSecretUntil`.
 */
@Entity({ name: 'webhook_endpoint' })
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text', array: true }) events!: WebhookEventType[];
  @Column({ name: 'secret_sealed', type: 'text', select: false }) secretSealed!: string;
  @Column({ name: 'previous_secret_sealed', type: 'text', nullable: true, select: false }) previousSecretSealed!: string | null;
  @Column({ name: 'previous_secret_until', type: 'timestamptz', nullable: true }) previousSecretUntil!: Date | null;
  @Column({ name: 'secret_rotated_at', type: 'timestamptz', default: () => 'now()' }) secretRotatedAt!: Date;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason!: string | null;
  @Column({ name: 'consecutive_failures', type: 'int', default: 0 }) consecutiveFailures!: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
