import { z } from 'zod';
import { EmailAddressSchema } from './employees';

/** A calendar day, `YYYY-MM-DD` (campaigns end at the end of their due day, in UTC). */
const CalendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real date');

/** How far ahead a campaign's due day may be: its invite links live until a week after it. */
export const MAX_CAMPAIGN_DAYS = 366;

/** Who is in a campaign, chosen when it starts; membership is fixed at that moment. */
export const CampaignAudienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everyone') }),
  z.strictObject({ kind: z.literal('department'), department: z.string().trim().min(1).max(200) }),
  /** A list of addresses, e.g. the email column of a CSV file. Unknown addresses are reported, not fatal. */
  z.strictObject({ kind: z.literal('list'), emails: z.array(EmailAddressSchema).min(1).max(10_000) }),
  /** Employees added on or after this day. */
  z.strictObject({ kind: z.literal('new_since'), since: CalendarDaySchema }),
]);
export type CampaignAudience = z.infer<typeof CampaignAudienceSchema>;

export const CampaignCreateSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(120)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters or line breaks'),
  dueOn: CalendarDaySchema,
  audience: CampaignAudienceSchema,
  /** Days between reminders to people who have not sent a selfie; one more goes out the day before the due day. */
  reminderEveryDays: z.number().int().min(1).max(30).default(3),
  /**
   * People who already hold a live invite link (from "Invite all", say) keep it and get no new mail;
   * the campaign adopts their link. Off: everyone gets a fresh link and the old one stops working.
   */
  keepLiveInvites: z.boolean().default(false),
});
export type CampaignCreate = z.input<typeof CampaignCreateSchema>;

/** `POST /api/campaigns/audience` — how many people an audience would reach, before starting. */
export const CampaignAudienceQuerySchema = z.strictObject({ audience: CampaignAudienceSchema });

export const CAMPAIGN_KINDS = ['manual', 'refresh', 'onboarding'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export type CampaignState = 'active' | 'ended';

/**
 * Where one member is in this campaign. Judged from what happened since they were invited to it:
 * `invited` (no selfie yet), `uploaded` (selfie in, headshot not ready), `in_review`, `approved`,
 * `rejected`, or `skipped` (never invited: outside the email domains, deactivated).
 */
export const CAMPAIGN_MEMBER_STATES = ['skipped', 'invited', 'uploaded', 'in_review', 'approved', 'rejected'] as const;
export type CampaignMemberState = (typeof CAMPAIGN_MEMBER_STATES)[number];

export interface CampaignCounts {
  members: number;
  invited: number;
  /** Members who sent a selfie since they were invited (whatever happened to it next). */
  uploaded: number;
  inReview: number;
  approved: number;
  rejected: number;
  /** Invited, no selfie yet. */
  missing: number;
  skipped: number;
  /** Missing after the last reminder: HR should follow up by hand. */
  needsAttention: number;
}

export interface CampaignDto {
  id: string;
  name: string;
  kind: CampaignKind;
  state: CampaignState;
  /** Null for the standing onboarding campaign. */
  dueOn: string | null;
  audience: CampaignAudience | { kind: 'refresh'; olderThanMonths: number } | { kind: 'onboarding' };
  reminderEveryDays: number;
  createdAt: string;
  createdBy: string | null;
  endedAt: string | null;
  /** Live counts while active; frozen at the moment it ended afterwards. */
  counts: CampaignCounts;
}

export interface CampaignCreateResult {
  campaign: CampaignDto;
  /** Addresses of a `list` audience with no employee, and members who could not be invited. */
  skipped: { email: string; reason: string }[];
}

export interface CampaignAudiencePreview {
  count: number;
  unknownEmails: string[];
  /** Members who already hold a live (active, unexpired) invite link: how many, and the first names to show. */
  liveInvites: { count: number; names: string[] };
}

export const CampaignMemberQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  state: z.enum([...CAMPAIGN_MEMBER_STATES, 'needs_attention']).optional(),
  q: z.string().trim().max(200).optional(),
});
export type CampaignMemberQuery = z.infer<typeof CampaignMemberQuerySchema>;

export interface CampaignMemberDto {
  employeeId: string;
  name: string;
  email: string;
  department: string;
  state: CampaignMemberState;
  needsAttention: boolean;
  skipReason: string | null;
  invitedAt: string | null;
  remindersSent: number;
  lastReminderAt: string | null;
  uploadedAt: string | null;
  approvedAt: string | null;
  /** Selfies the instant checks refused since the invite (the reasons are kept, never the photos). */
  refusedAttempts: number;
  /** The sentence the employee was shown for the latest refusal. */
  lastRefusal: string | null;
}

/** `POST /api/campaigns/:id/remind` — a reminder now to the given members, or to everyone still missing. */
export const CampaignRemindSchema = z.union([z.strictObject({ employeeIds: z.array(z.uuid()).min(1).max(5_000) }), z.strictObject({ allMissing: z.literal(true) })]);
export type CampaignRemind = z.infer<typeof CampaignRemindSchema>;

/** `GET/PUT /api/campaigns/settings` — the refresh cycle. */
export const RefreshSettingsSchema = z.strictObject({
  /** Re-invite everyone whose approved headshot is older than this many months, as a new campaign. Null: off. */
  refreshMonths: z.number().int().min(1).max(60).nullable(),
});
export type RefreshSettings = z.infer<typeof RefreshSettingsSchema>;
