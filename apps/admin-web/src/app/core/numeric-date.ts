type Part = 'day' | 'month' | 'year';

/**
 * The order day, month and year are written in for a locale ("21/12/2026" in en-GB, "12/21/2026" in
 * en-US, "2026-12-21" in sv), read from Intl rather than guessed.
 */
export function numericDateOrder(locale: string): Part[] {
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(Date.UTC(2026, 11, 21)));
  return parts.filter((p): p is Intl.DateTimeFormatPart & { type: Part } => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type);
}

/**
 * A typed date in the locale's own order, with any of `/ . -` or spaces between the numbers and a
 * two- or four-digit year; null when the text is not such a date or names a day that does not exist
 * (31/02). Dates are local midnight, as the datepicker's own are.
 */
export function parseNumericDate(text: string, locale: string): Date | null {
  const m = text.trim().match(/^(\d{1,4})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{1,4})\.?$/);
  if (!m) return null;
  const order = numericDateOrder(locale);
  const value: Record<Part, number> = { day: 0, month: 0, year: 0 };
  // An ISO-looking date (four digits first) is year-month-day whatever the locale.
  const slots: Part[] = m[1].length === 4 ? ['year', 'month', 'day'] : order;
  slots.forEach((part, i) => (value[part] = Number(m[i + 1])));
  if (value.year < 100) value.year += 2000;
  const date = new Date(value.year, value.month - 1, value.day);
  return date.getFullYear() === value.year && date.getMonth() === value.month - 1 && date.getDate() === value.day ? date : null;
}

