import type { RetentionSettings } from '@teamframe/shared-types';

// Mirrors the API's RetentionSettingsSchema bounds, so a typo is caught before the round trip.
const MAX_DAYS = 3650;
const MAX_EXPIRY_HOURS = 24 * 90;

/** Empty (keep) or a whole number of days from 1 to 3650. */
export function validDays(n: number | null | ''): boolean {
  return n === null || n === '' || (Number.isInteger(n) && n >= 1 && n <= MAX_DAYS);
}

export function validExpiryHours(n: number | null | ''): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_EXPIRY_HOURS;
}

/** The one line under the Retention title, e.g. "Selfies deleted after approval · exports kept 72 hours". */
export function retentionSummary(s: RetentionSettings): string {
  const selfies = [
    s.deleteOriginalsAfterApproval ? 'after approval' : null,
    s.deleteOriginalsAfterDays !== null ? `after ${days(s.deleteOriginalsAfterDays)}` : null,
  ].filter((x) => x !== null);
  const parts = [
    selfies.length ? `Selfies deleted ${selfies.join(' or ')}` : 'Selfies kept',
    s.deleteUnapprovedAfterDays !== null ? `never-approved work deleted after ${days(s.deleteUnapprovedAfterDays)}` : null,
    `export downloads last ${s.exportExpiryHours} ${s.exportExpiryHours === 1 ? 'hour' : 'hours'}`,
  ];
  return parts.filter((x) => x !== null).join(' · ');
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
