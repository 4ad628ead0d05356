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
  /** The instant checks of a selfie an `api` process stored and handed to the workers. */
  uploadCheck: 'upload-check',
} as const;

/** Names the pending check's row (`upload_check`); the selfie waits in storage, never in Redis. */
export interface UploadCheckJobPayload {
  checkId: string;
}

/**
 * Every job name of every queue. A worker process refuses to start unless each name has exactly one
 * handler, so a job can neither be queued without code to run it nor be run by two pieces of code.
 */
export const JOBS: { readonly [Q in QueueName]: Readonly<Record<string, string>> } = {
  headshot: HEADSHOT_JOB,
  interactive: INTERACTIVE_JOB,
  mail: MAIL_JOB,
  export: EXPORT_JOB,
  maintenance: MAINTENANCE_JOB,
  webhook: WEBHOOK_JOB,
  directory: DIRECTORY_JOB,
};

/** The org whose suspension the operator lifted. */
export interface ResumeOrgWorkPayload {
  orgId: string;
}

/** Housekeeping jobs carry no data when scheduled; a test (or an operator replaying a day) may pass the time to act at. */
export interface ScheduledJobPayload {
  now?: string;
}

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

const HOUR_MS = 3_600_000;

/** When a repeating job runs: a cron pattern (in `tz`, else the server's zone) or a fixed interval. */
export type JobRepeat = { pattern: string; tz?: string } | { every: number };

export interface JobSchedule {
  queue: QueueName;
  job: string;
  repeat: JobRepeat;
}

/**
 * Every repeating job, in one table. Worker processes upsert these schedules in Redis at start and after
 * each reconnect (an upsert is idempotent, so every worker may do it); nothing else schedules repeats.
 */
export const JOB_SCHEDULES: readonly JobSchedule[] = [
  { queue: 'maintenance', job: MAINTENANCE_JOB.purgeExpiredSessions, repeat: { pattern: '17 3 * * *' } },
  { queue: 'maintenance', job: MAINTENANCE_JOB.enforceRetention, repeat: { pattern: '41 2 * * *' } },
  // A headshot whose job was lost (Redis emptied, enqueue failed after the commit) is queued again.
  { queue: 'maintenance', job: MAINTENANCE_JOB.requeueStrandedHeadshots, repeat: { every: 120_000 } },
  { queue: 'maintenance', job: MAINTENANCE_JOB.sendInviteReminders, repeat: { pattern: '5 * * * *' } },
  // Hourly: campaign reminders go out within the hour they fall due; refresh and ending are idempotent.
  { queue: 'maintenance', job: MAINTENANCE_JOB.runCampaigns, repeat: { pattern: '25 * * * *' } },
  // HR's morning mails at 07:00 UTC whatever the server's own time zone (digests count UTC days).
  { queue: 'maintenance', job: MAINTENANCE_JOB.sendDailyDigest, repeat: { pattern: '0 7 * * *', tz: 'UTC' } },
  { queue: 'maintenance', job: MAINTENANCE_JOB.sendCampaignDueNotices, repeat: { pattern: '10 7 * * *', tz: 'UTC' } },
  // Daily: a DNS proof whose record was removed, or an old mailed one, stops routing the domain.
  { queue: 'maintenance', job: MAINTENANCE_JOB.recheckSsoDomains, repeat: { pattern: '33 4 * * *', tz: 'UTC' } },
  { queue: 'export', job: EXPORT_JOB.purgeExpired, repeat: { every: HOUR_MS } },
  { queue: 'webhook', job: WEBHOOK_JOB.purgeLog, repeat: { every: HOUR_MS } },
];
