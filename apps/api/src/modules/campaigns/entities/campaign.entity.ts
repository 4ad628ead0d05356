import type { CampaignCounts, CampaignDto } from '@teamframe/shared-types';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A round of invites HR started (or the scheduler did: refresh, onboarding). Membership is fixed at
 * the start in `campaign_member`; an ended campaign keeps its counts frozen in `summary`.
 */
@Entity({ name: 'campaign' })
export class Campaign {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: CampaignDto['kind'];
  @Column({ type: 'text', default: 'active' }) state!: CampaignDto['state'];
  /** A calendar day (YYYY-MM-DD); the standing onboarding campaign has none. */
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn!: string | null;
  /** How the members were chosen; refresh campaigns record their cycle here. */
  @Column({ type: 'jsonb' }) audience!: CampaignDto['audience'];
  @Column({ name: 'reminder_every_days', type: 'int', default: 3 }) reminderEveryDays!: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) summary!: CampaignCounts | null;
}
