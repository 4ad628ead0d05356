import { IntlMessageFormat } from 'intl-messageformat';
import type { Messages } from './catalogue';
import { textDirection } from './languages';

export type MessageValues = Record<string, string | number | Date>;

/**
 * How the employee side writes a calendar day everywhere (mails and the upload page): weekday, day,
 * month and year, in the reader's language and region ("Montag, 21. Dezember 2026", "Monday 21 December
 * 2026" for en-GB). Days are read in UTC: a `YYYY-MM-DD` due day and an expiry instant are both shown as
 * the UTC day they fall on, which is what the API stores.
 */
export const CALENDAR_DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };

/** A calendar day (`YYYY-MM-DD`) or an instant as a long date in `locale`. */
export function formatCalendarDay(day: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(dateLocale(locale), CALENDAR_DAY).format(typeof day === 'string' ? new Date(`${day}T00:00:00Z`) : day);
}

/**
 * The product's English is British ("organisation", "colour"), so bare `en` writes its dates the British
 * way too (Intl would take `en` as American); a region the reader gave (`en-US`) keeps its own.
 */
function dateLocale(locale: string): string {
  return locale.toLowerCase() === 'en' ? 'en-GB' : locale;
}

/**
 * Formats the messages of one language with ICU MessageFormat (plurals, selects, numbers, in that
 * language's rules). A key the language lacks falls back to the English message, then to the key itself,
 * so a company's partial translation never shows a blank.
 */
export class Translator {
  readonly dir: 'ltr' | 'rtl';
  private readonly compiled = new Map<string, IntlMessageFormat>();

  constructor(
    readonly locale: string,
    private readonly messages: Messages,
    private readonly fallback: Messages = {},
  ) {
    this.dir = textDirection(locale);
  }

  has(key: string): boolean {
    return key in this.messages || key in this.fallback;
  }

  t(key: string, values?: MessageValues): string {
    let f = this.compiled.get(key);
    if (!f) {
      const own = this.messages[key];
      const source = own ?? this.fallback[key];
      if (source === undefined) return key;
      // An English fallback is formatted with English rules, so its plurals stay right.
      f = new IntlMessageFormat(source, own === undefined ? 'en' : this.locale);
      this.compiled.set(key, f);
    }
    return String(f.format(values));
  }
}
