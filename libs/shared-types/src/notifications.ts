import { z } from 'zod';

/**
 * `GET/PUT /api/me/notifications` — the signed-in HR user's own mail switches. Owners and HR admins
 * only: marketing members get no HR mail whatever is stored.
 */
export const NotificationSettingsSchema = z.strictObject({
  /** One mail a day (07:00 UTC) with new selfies, headshots waiting for review, failures, campaigns due soon and people needing attention; none on a quiet day. */
  dailyDigest: z.boolean(),
  /** A mail when a batch has finished processing: how many are ready for review and how many failed. */
  batchFinished: z.boolean(),
  /** A mail when new headshots are waiting for review: after a batch (if batch mails are off) and, bundled per quarter hour, for selfies processed on arrival. */
  reviewWaiting: z.boolean(),
  /** A mail the day before an active campaign is due, with how many people have not sent a selfie. */
  campaignDue: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/**
 * What a user who never saved their switches gets. The digest and batch mail are the useful minimum;
 * the review-waiting mail is off because the batch mail already says how many wait for review, and
 * on-arrival mails would otherwise start arriving unasked.
 */
export const NOTIFICATION_DEFAULTS: NotificationSettings = { dailyDigest: true, batchFinished: true, reviewWaiting: false, campaignDue: true };

export interface NotificationSettingsDto extends NotificationSettings {
  /** False while the user has never saved their switches (the values are the defaults). */
  saved: boolean;
}

/** `mail` queue payloads of the HR notifications: ids and the moment to report on, never numbers (they are read when the mail is written). */
export interface BatchFinishedMailPayload {
  batchId: string;
  userId: string;
}

export interface ReviewWaitingMailPayload {
  orgId: string;
  userId: string;
  /** The batch that finished, or absent for selfies processed on arrival. */
  batchId?: string;
}

export interface DigestMailPayload {
  orgId: string;
  userId: string;
  /** ISO time the digest reports on (the maintenance job's clock): "the last 24 hours" ends here. */
  at: string;
}

export interface CampaignDueMailPayload {
  campaignId: string;
  userId: string;
}
