import { type InviteMailPayload, MAIL_JOB } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';

/** A member about to be reminded, as read (locked) from `campaign_member`. */
export interface DueReminder {
  campaign_id: string;
  employee_id: string;
  invite_id: string;
  reminders_sent: number;
}

/**
 * Counts the reminders on the members in one statement, inside the caller's transaction (which holds
 * their rows locked). HR's "resend" and the schedule both go through here, so both advance the same
 * schedule.
 */
export async function recordReminders(m: EntityManager, due: DueReminder[], now: Date): Promise<void> {
  if (due.length === 0) return;
  await m.query(
    `UPDATE campaign_member cm SET reminders_sent = cm.reminders_sent + 1, last_reminder_at = $1
       FROM jsonb_to_recordset($2::jsonb) AS r(campaign_id uuid, employee_id uuid)
      WHERE cm.campaign_id = r.campaign_id AND cm.employee_id = r.employee_id`,
    [now, JSON.stringify(due.map(({ campaign_id, employee_id }) => ({ campaign_id, employee_id })))],
  );
}

/**
 * Queues the reminder mails after the commit. The job id names the invite and the reminder's number,
 * so a repeat is a no-op; a scheduled send-out waits behind single mails (priority), HR's resend does not.
 */
export async function queueReminderMails(queue: Queue<InviteMailPayload>, due: DueReminder[], opts: { scheduled: boolean }): Promise<void> {
  await queue.addBulk(
    due.map((r) => ({ name: MAIL_JOB.reminder, data: { inviteId: r.invite_id }, opts: { jobId: `reminder-${r.invite_id}-${r.reminders_sent + 1}`, ...(opts.scheduled ? { priority: 5 } : {}) } })),
  );
}
