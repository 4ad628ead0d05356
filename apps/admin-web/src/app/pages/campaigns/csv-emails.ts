/** What the browser read from a CSV file picked as a campaign's audience. */
export interface CsvEmails {
  /** Unique addresses, lower-cased (the API compares them that way), in file order. */
  emails: string[];
  /** `column`: the file had an "email" header and only that column was read; `cells`: every cell was scanned. */
  source: 'column' | 'cells';
  /** Non-empty values in the email column that are not addresses (only for `column`). */
  invalid: string[];
}

// Loose on purpose: the API validates each address; this only decides what is worth sending.
const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]{2,}$/;
const EMAIL_HEADERS = new Set(['email', 'e-mail', 'email address', 'e-mail address']);

export function looksLikeEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/**
 * Reads the addresses out of a CSV export. Spreadsheets write commas, semicolons or tabs, a BOM,
 * quoted cells and CRLF line ends; all of those are handled. When a header cell says "email", only
 * that column counts, so a manager's address in another column does not sneak into the audience.
 */
export function extractCsvEmails(text: string): CsvEmails {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows[0] ?? [];
  const column = header.findIndex((cell) => EMAIL_HEADERS.has(cell.trim().toLowerCase()));
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  const add = (raw: string): boolean => {
    const value = raw.trim().replace(/^mailto:/i, '').toLowerCase();
    if (!looksLikeEmail(value)) return false;
    if (!seen.has(value)) {
      seen.add(value);
      emails.push(value);
    }
    return true;
  };

  if (column >= 0) {
    for (const row of rows.slice(1)) {
      const cell = (row[column] ?? '').trim();
      if (cell && !add(cell)) invalid.push(cell);
    }
    return { emails, source: 'column', invalid };
  }
  for (const row of rows) for (const cell of row) add(cell);
  return { emails, source: 'cells', invalid };
}

/** The separator the first line uses most: comma, semicolon or tab. */
function detectSeparator(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const sep of [',', ';', '\t']) {
    const count = firstLine.split(sep).length - 1;
    if (count > bestCount) {
      best = sep;
      bestCount = count;
    }
  }
  return best;
}

/** RFC 4180 rows: quoted cells may hold the separator, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const sep = detectSeparator(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}
