import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One employee in one campaign. `invited_at` is null for a member who could not be invited (the
 * reason is in `skip_reason`); the reminder counters drive the campaign's reminder schedule.
 */
@Entity({ name: 'campaign_member' })
export class CampaignMember {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @PrimaryColumn({ name: 'employee_id', type: 'uuid' }) employeeId!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'invite_id', type: 'uuid', nullable: true }) inviteId!: string | null;
  @Column({ name: 'invited_at', type: 'timestamptz', nullable: true }) invitedAt!: Date | null;
  @Column({ name: 'skip_reason', type: 'text', nullable: true }) skipReason!: string | null;
  @Column({ name: 'reminders_sent', type: 'int', default: 0 }) remindersSent!: number;
  @Column({ name: 'last_reminder_at', type: 'timestamptz', nullable: true }) lastReminderAt!: Date | null;
}
