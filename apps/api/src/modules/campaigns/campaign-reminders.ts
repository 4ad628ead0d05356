import { type InviteMailPayload, MAIL_JOB } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import type { DueReminder } from './campaigns.repository';

/**
 * Queues the reminder mails after the commit. The job id names the invite and the reminder's number,
 * so a repeat is a no-op; a scheduled send-out waits behind single mails (priority), HR's resend does not.
 */
export async function queueReminderMails(queue: Queue<InviteMailPayload>, due: DueReminder[], opts: { scheduled: boolean }): Promise<void> {
  await queue.addBulk(
    due.map((r) => ({ name: MAIL_JOB.reminder, data: { inviteId: r.invite_id }, opts: { jobId: `reminder-${r.invite_id}-${r.reminders_sent + 1}`, ...(opts.scheduled ? { priority: 5 } : {}) } })),
  );
}
