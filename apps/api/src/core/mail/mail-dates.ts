import { formatCalendarDay } from '@teamframe/shared-types';

/** HR's mails are in English (the admin side is not translated yet), written the British way. */
export const HR_MAIL_LOCALE = 'en-GB';

/**
 * The one way mails write dates, so an invite, a rejection and a reminder name the same day the same
 * way, in the reader's language ("Montag, 21. Dezember 2026"). Days are calendar days in UTC: a
 * `YYYY-MM-DD` due day and an expiry instant are both shown as the UTC day they fall on, which is what
 * the API stores. The upload page uses the same format (`formatCalendarDay`).
 */
export function mailDate(day: string | Date, locale: string = HR_MAIL_LOCALE): string {
  return formatCalendarDay(day, locale);
}
