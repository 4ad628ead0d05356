const DAY_MS = 86_400_000;

/** The UTC calendar day of a moment, `YYYY-MM-DD`: digests and due dates are reckoned in UTC. */
export function utcDay(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** The calendar day `days` after the UTC day of `t`. */
export function addDays(t: Date, days: number): string {
  return utcDay(new Date(t.getTime() + days * DAY_MS));
}
