/**
 * The one way mails write dates, so an invite, a rejection and a reminder name the same day the same
 * way ("Monday 21 December 2026"). Days are calendar days in UTC: a `YYYY-MM-DD` due day and an
 * expiry instant are both shown as the UTC day they fall on, which is what the API stores.
 */
const LONG = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar day (`YYYY-MM-DD`) or an instant, as a long date. */
export function mailDate(day: string | Date): string {
  return LONG.format(typeof day === 'string' ? new Date(`${day}T00:00:00Z`) : day);
}
