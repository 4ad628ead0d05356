/** Letters NFKD does not split into a base letter and a mark. */
const SPECIAL: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe', Œ: 'OE', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  ł: 'l', Ł: 'L', þ: 'th', Þ: 'Th', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T',
};

export const MAX_SLUG = 80;

/**
 * A file-name-safe slug: ASCII letters, digits, `.`, `_` and `-` only; accents folded to ASCII,
 * invisible and bidirectional formatting characters dropped, anything else a `-`. No leading or
 * trailing dot or dash (so never `.`, `..` or a hidden file), no `..` inside, at most `max` chars.
 * Returns '' when nothing usable is left; callers add a fallback.
 */
export function safeSlug(input: string, max = MAX_SLUG): string {
  const folded = input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^ -~]/gu, (c) => SPECIAL[c] ?? (/\p{Cf}/u.test(c) ? '' : '-'));
  return folded
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/[-._]{2,}/g, (run) => (run.includes('-') ? '-' : run[0]))
    .replace(/^[-._]+/, '')
    .slice(0, max)
    .replace(/[-._]+$/, '');
}

export interface NamingPerson {
  id: string;
  firstName: string;
  lastName: string;
  department: string;
}

/** First 8 hex digits of the employee id: short, stable across exports, unique enough with the name. */
export const shortId = (id: string) => id.replace(/-/g, '').slice(0, 8);

/**
 * A file's base name (without extension) from the naming pattern: each token filled in and the whole
 * slugged in lower case, exactly as the style page's example shows it (`ana-lima-web`). Two people
 * with the same name get `-2`, `-3` from {@link UniqueNames}; a pattern with `{id}` never collides.
 */
export function fileBaseName(pattern: string, p: NamingPerson, rendition: string, index: number): string {
  // A Map, so a token such as {constructor} finds nothing rather than an inherited function.
  const values = new Map([['first', p.firstName], ['last', p.lastName], ['department', p.department], ['rendition', rendition], ['id', shortId(p.id)], ['index', String(index).padStart(4, '0')]]);
  const filled = pattern.replace(/\{([a-z]+)\}/g, (_, t: string) => values.get(t) ?? '');
  return safeSlug(filled, MAX_SLUG).toLowerCase() || `person-${rendition}`;
}

/** Hands out names unique within one folder of the archive (case-insensitively, for Windows and macOS). */
export class UniqueNames {
  private readonly used = new Set<string>();

  take(folder: string, base: string, ext: string): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${base}.${ext}` : `${base}-${n}.${ext}`;
      const key = `${folder}/${name}`.toLowerCase();
      if (!this.used.has(key)) {
        this.used.add(key);
        return name;
      }
    }
  }
}

// A spreadsheet runs a cell as a formula when it starts with one of these, also after leading blanks
// (LibreOffice trims them); tab and carriage return start DDE payloads in older Excel.
const FORMULA_START = /^[\t\r ]*[=+\-@]|^[\t\r]/;

/**
 * One CSV cell: a value a spreadsheet would run as a formula gets a leading `'`; then it is always
 * quoted, so neither a comma nor a semicolon (the separator in many locales) inside it starts a new
 * cell, whichever separator the spreadsheet assumes.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One CSV line, every cell (header cells included) neutralised and quoted. */
export const csvRow = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
