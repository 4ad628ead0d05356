import type { CampaignCounts, CampaignDto, CampaignKind, CampaignMemberState } from '@teamframe/shared-types';

const DAY_MS = 86_400_000;

export const KIND_LABELS: Record<CampaignKind, string> = {
  manual: 'Manual',
  refresh: 'Refresh cycle',
  onboarding: 'New starters',
};

export const MEMBER_STATE_LABELS: Record<CampaignMemberState, string> = {
  skipped: 'Skipped',
  invited: 'Missing',
  uploaded: 'Uploaded',
  in_review: 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
};

/** The dashboard's filter chips: `missing` is the API's `invited` state, plus the follow-up list. */
export type MemberFilter = 'all' | 'missing' | 'needs_attention' | 'in_review' | 'approved' | 'rejected' | 'skipped';
export const MEMBER_FILTERS: readonly { value: MemberFilter; label: string; count: keyof CampaignCounts }[] = [
  { value: 'all', label: 'All', count: 'members' },
  { value: 'missing', label: 'Missing', count: 'missing' },
  { value: 'needs_attention', label: 'Needs attention', count: 'needsAttention' },
  { value: 'in_review', label: 'In review', count: 'inReview' },
  { value: 'approved', label: 'Approved', count: 'approved' },
  { value: 'rejected', label: 'Rejected', count: 'rejected' },
  { value: 'skipped', label: 'Skipped', count: 'skipped' },
];

/** The `state` query parameter for a filter chip; undefined for "all". */
export function filterToState(filter: MemberFilter): CampaignMemberState | 'needs_attention' | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'missing') return 'invited';
  return filter;
}

export type DueTone = 'none' | 'ok' | 'soon' | 'overdue' | 'ended';

/** Today as `YYYY-MM-DD` in UTC: campaigns end at the end of their due day in UTC (see the contract). */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `today` to `day`, both `YYYY-MM-DD`; negative when `day` has passed. */
export function daysBetween(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * "Due in 3 days", "Due today", "Overdue by 2 days". Ended campaigns and the standing new-starter
 * campaign (no due day) get no countdown: a deadline there would only alarm people.
 */
export function dueText(campaign: Pick<CampaignDto, 'dueOn' | 'state'>, today: string = utcToday()): { text: string; tone: DueTone } {
  if (!campaign.dueOn) return { text: 'No due date', tone: 'none' };
  if (campaign.state === 'ended') return { text: 'Ended', tone: 'ended' };
  const days = daysBetween(today, campaign.dueOn);
  if (days < 0) return { text: `Overdue by ${plural(-days, 'day')}`, tone: 'overdue' };
  if (days === 0) return { text: 'Due today', tone: 'soon' };
  if (days === 1) return { text: 'Due tomorrow', tone: 'soon' };
  return { text: `Due in ${days} days`, tone: days <= 3 ? 'soon' : 'ok' };
}

/** Approved out of everyone invited (skipped people can never answer, so they do not count). */
export function approvedPercent(counts: Pick<CampaignCounts, 'approved' | 'invited'>): number {
  if (counts.invited <= 0) return 0;
  return Math.min(100, Math.floor((counts.approved / counts.invited) * 100));
}

/** One line on who the campaign reaches. */
export function audienceText(audience: CampaignDto['audience']): string {
  switch (audience.kind) {
    case 'everyone':
      return 'Everyone';
    case 'department':
      return `Department: ${audience.department}`;
    case 'list':
      return `A list of ${plural(audience.emails.length, 'address', 'addresses')}`;
    case 'new_since':
      return `Added since ${formatDay(audience.since)}`;
    case 'refresh':
      return `Headshots older than ${plural(audience.olderThanMonths, 'month')}`;
    case 'onboarding':
      return 'New employees as they are added';
  }
}

/** `2026-03-05` → "5 Mar 2026", read as a calendar day (no time-zone shift). */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The calendar day a person picked in the date picker (local midnight) as `YYYY-MM-DD`. */
export function toCalendarDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Every 24 months" / "Off", for the refresh-cycle card. */
export function refreshText(months: number | null): string {
  if (months === null) return 'Off';
  if (months % 12 === 0) return `Every ${plural(months / 12, 'year')}`;
  return `Every ${plural(months, 'month')}`;
}
