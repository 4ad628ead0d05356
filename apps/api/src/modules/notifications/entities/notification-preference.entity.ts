import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One HR user's mail switches; absent until they first save them (NOTIFICATION_DEFAULTS apply). */
@Entity({ name: 'notification_preference' })
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'daily_digest', type: 'boolean' }) dailyDigest!: boolean;
  @Column({ name: 'batch_finished', type: 'boolean' }) batchFinished!: boolean;
  @Column({ name: 'review_waiting', type: 'boolean' }) reviewWaiting!: boolean;
  @Column({ name: 'campaign_due', type: 'boolean' }) campaignDue!: boolean;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
