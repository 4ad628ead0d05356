/**
 * Queue names. DO NOT RENAME: jobs already in Redis stay under the old name and would be stranded.
 */
export const QUEUE = {
  headshot: 'headshot',
  interactive: 'interactive',
  mail: 'mail',
  export: 'export',
  maintenance: 'maintenance',
  webhook: 'webhook',
  directory: 'directory',
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Job names, per queue. DO NOT RENAME (same reason as the queue names). */
export const MAINTENANCE_JOB = {
  purgeExpiredSessions: 'purge-expired-sessions',
  sendInviteReminders: 'send-invite-reminders',
  requeueStrandedHeadshots: 'requeue-stranded-headshots',
  /** Queues again one org's headshots and exports that waited while it was suspended (the operator lifted it). */
  resumeOrgWork: 'resume-org-work',
  enforceRetention: 'enforce-retention',
  runCampaigns: 'run-campaigns',
  sendDailyDigest: 'send-daily-digest',
  sendCampaignDueNotices: 'send-campaign-due-notices',
  recheckSsoDomains: 'recheck-sso-domains',
} as const;

export const MAIL_JOB = {
  invite: 'invite',
  reminder: 'invite-reminder',
  reviewDecision: 'review-decision',
  batchFinished: 'hr-batch-finished',
  reviewWaiting: 'hr-review-waiting',
  dailyDigest: 'hr-daily-digest',
  campaignDue: 'hr-campaign-due',
} as const;

/** A review-decision mail names the headshot; the worker reads the decision and the reason from it. */
export interface ReviewMailPayload {
  headshotId: string;
}

export const HEADSHOT_JOB = {
  render: 'render',
} as const;

export const EXPORT_JOB = {
  build: 'build-export',
  purgeExpired: 'purge-expired-exports',
} as const;

/** A headshot job names the headshot row; its id is `<uploadId>-<styleVersionId>`, so enqueuing twice is a no-op. */
export interface HeadshotJobPayload {
  headshotId: string;
}

export const WEBHOOK_JOB = {
  deliver: 'deliver-webhook',
  endpointDisabled: 'webhook-endpoint-disabled',
  purgeLog: 'purge-webhook-log',
} as const;

/** One event to one endpoint; the id is `<eventId>-<endpointId>`, so dispatching twice is a no-op. The secret never enters Redis. */
export interface WebhookDeliveryPayload {
  eventId: string;
  endpointId: string;
}

/** Tells the org's owners that an endpoint was switched off after failing again and again. */
export interface WebhookDisabledPayload {
  endpointId: string;
}

export const DIRECTORY_JOB = {
  pushPhoto: 'push-directory-photo',
  removePhoto: 'remove-directory-photo',
} as const;

/** Takes a pushed photo down again after an erasure; the row holds the address until then. */
export interface DirectoryRemovalPayload {
  removalId: string;
}

/** One person's approved headshot to one directory connection; the id names the headshot, so a repeat is a no-op. */
export interface DirectoryPhotoPayload {
  employeeId: string;
  connectionId: string;
  headshotId: string;
}

export const INTERACTIVE_JOB = {
  stylePreview: 'style-preview',
} as const;

/** Mail jobs carry the invite id only: the worker derives the link, the token never enters Redis. */
export interface InviteMailPayload {
  inviteId: string;
}

export interface QueueSettings {
  /** Jobs one worker process runs at once on this queue. */
  concurrency: number;
  /**
   * BullMQ renews the lock while a job runs; it lapses only when a worker dies or blocks its event
   * loop this long. So: longer than the longest blocking step, short enough that a killed worker's
   * job is picked up again soon (after at most lockDuration + the stalled-check interval).
   */
  lockDurationMs: number;
  attempts: number;
  /** First retry delay; doubles each attempt (exponential backoff). */
  backoffMs: number;
  /** How many failed jobs Redis keeps for inspection. */
  keepFailed: number;
  keepCompleted: number;
}

/**
 * One row per queue. Typed as a Record over every queue name, so a queue added without settings
 * does not compile.
 */
export const QUEUE_SETTINGS: Record<QueueName, QueueSettings> = {
  headshot: { concurrency: 1, lockDurationMs: 30_000, attempts: 3, backoffMs: 5_000, keepFailed: 5_000, keepCompleted: 1_000 },
  interactive: { concurrency: 2, lockDurationMs: 60_000, attempts: 2, backoffMs: 1_000, keepFailed: 1_000, keepCompleted: 200 },
  mail: { concurrency: 4, lockDurationMs: 30_000, attempts: 6, backoffMs: 10_000, keepFailed: 5_000, keepCompleted: 1_000 },
  export: { concurrency: 1, lockDurationMs: 600_000, attempts: 2, backoffMs: 30_000, keepFailed: 500, keepCompleted: 100 },
  maintenance: { concurrency: 1, lockDurationMs: 300_000, attempts: 3, backoffMs: 60_000, keepFailed: 100, keepCompleted: 50 },
  // Network-bound: many at once. Eight attempts with the delay doubling from WEBHOOK_RETRY_DELAY_MS
  // (30 s by default, which overrides backoffMs here) span about two hours.
  webhook: { concurrency: 8, lockDurationMs: 60_000, attempts: 8, backoffMs: 30_000, keepFailed: 2_000, keepCompleted: 1_000 },
  // Directory APIs throttle (429 with Retry-After, honoured inside an attempt); few at once per worker.
  directory: { concurrency: 2, lockDurationMs: 120_000, attempts: 6, backoffMs: 60_000, keepFailed: 2_000, keepCompleted: 1_000 },
};
