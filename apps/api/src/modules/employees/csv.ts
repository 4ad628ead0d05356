/**
 * A small RFC 4180 reader: UTF-8 with or without BOM, comma or semicolon (whichever the header line
 * uses more), quoted fields with "" escapes and line breaks inside quotes, CRLF or LF.
 * Returns rows with the 1-based line each starts on.
 */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(src);
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      pushRow(rows, lines, row, rowLine);
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    pushRow(rows, lines, row, rowLine);
  }
  return { rows, lines };
}

function pushRow(rows: string[][], lines: number[], row: string[], line: number): void {
  if (row.length === 1 && row[0].trim() === '') return; // blank line
  rows.push(row);
  lines.push(line);
}

function detectDelimiter(src: string): ',' | ';' {
  const header = src.slice(0, src.search(/\r?\n|$/));
  const count = (ch: string) => header.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export const IMPORT_FIELDS = ['email', 'firstName', 'lastName', 'title', 'department'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

// Header spellings seen in HR exports, compared after lower-casing and dropping non-letters.
export const HEADER_ALIASES: Record<ImportField, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'workemail', 'businessemail'],
  firstName: ['firstname', 'givenname', 'first', 'forename', 'prenom', 'vorname'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'nom', 'nachname'],
  title: ['title', 'jobtitle', 'position', 'role', 'jobrole'],
  department: ['department', 'dept', 'team', 'division', 'unit', 'abteilung'],
};

/**
 * Maps each known field to its column index; unknown columns are ignored, and so are the columns in
 * `claimed` (taken by custom fields, which HR named on purpose: a "Team" field wins over the alias).
 */
export function mapHeader(header: string[], claimed: ReadonlySet<number> = new Set()): Partial<Record<ImportField, number>> {
  const map: Partial<Record<ImportField, number>> = {};
  header.forEach((raw, i) => {
    if (claimed.has(i)) return;
    const key = raw.normalize('NFKD').toLowerCase().replace(/[^a-z]/g, '');
    for (const field of IMPORT_FIELDS) {
      if (map[field] === undefined && HEADER_ALIASES[field].includes(key)) map[field] = i;
    }
  });
  return map;
}


export interface CustomColumn {
  key: string;
  index: number;
  /** The header as written in the file, for row errors. */
  header: string;
}

/** How a CSV header, label or key is compared: accents folded, case and everything but a-z and 0-9 ignored. */
export const columnKey = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The columns whose header is a custom field's label or key (case, spaces and punctuation ignored); first column wins. */
export function mapCustomColumns(header: string[], fields: readonly { key: string; label: string }[]): CustomColumn[] {
  const out: CustomColumn[] = [];
  for (const f of fields) {
    const names = new Set([columnKey(f.label), columnKey(f.key)]);
    const index = header.findIndex((h, i) => names.has(columnKey(h)) && !out.some((c) => c.index === i));
    if (index >= 0) out.push({ key: f.key, index, header: header[index].trim() || f.key });
  }
  return out;
}
