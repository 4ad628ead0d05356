/** Bounds on what one import may hold; a file past one is refused at that point, unread beyond it. */
export interface CsvLimits {
  /** Records, the header included. */
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  /** Characters in one record (a quoted cell may span lines; the record is what is bounded). */
  maxRecordChars: number;
}

/** A file past one of the bounds; `line` is where it was noticed. */
export class CsvLimitError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const UNBOUNDED: CsvLimits = { maxRows: Infinity, maxColumns: Infinity, maxCellChars: Infinity, maxRecordChars: Infinity };

/**
 * An RFC 4180 reader fed in pieces (`push` each chunk as it arrives, then `end`): UTF-8 with or without
 * BOM, comma or semicolon (whichever the header line uses more), quoted fields with "" escapes and line
 * breaks inside quotes, CRLF or LF. Keeps rows with the 1-based line each starts on. Every bound is
 * checked as characters arrive, so a hostile file costs at most one bound's worth of work and memory.
 */
export class CsvReader {
  readonly rows: string[][] = [];
  readonly lines: number[] = [];
  private delimiter: ',' | ';' | null = null;
  /** Text held until the header line is complete, to choose the delimiter. */
  private head = '';
  private started = false;
  private row: string[] = [];
  private field = '';
  private quoted = false;
  /** In a quoted field, a `"` was the last character: the next one decides (escape or end). */
  private quoteSeen = false;
  private skipLf = false;
  private line = 1;
  private rowLine = 1;
  private recordChars = 0;

  constructor(private readonly limits: CsvLimits = UNBOUNDED) {}

  push(text: string): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.delimiter === null) {
      this.head += text;
      const eol = this.head.search(/\r?\n/);
      if (eol < 0) {
        if (this.head.length > this.limits.maxRecordChars) throw new CsvLimitError(`line 1 is longer than ${this.limits.maxRecordChars} characters`, 1);
        return;
      }
      this.delimiter = detectDelimiter(this.head.slice(0, eol));
      text = this.head;
      this.head = '';
    }
    this.consume(text);
  }

  end(): { rows: string[][]; lines: number[] } {
    if (this.delimiter === null) {
      this.delimiter = detectDelimiter(this.head);
      const rest = this.head;
      this.head = '';
      this.consume(rest);
    }
    if (this.quoteSeen) {
      this.quoted = false;
      this.quoteSeen = false;
    }
    if (this.field !== '' || this.row.length) {
      this.endField();
      this.endRow();
    }
    return { rows: this.rows, lines: this.lines };
  }

  private consume(src: string): void {
    const d = this.delimiter!;
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (this.skipLf) {
        this.skipLf = false;
        if (c === '\n') continue;
      }
      if (++this.recordChars > this.limits.maxRecordChars) throw new CsvLimitError(`line ${this.rowLine} is longer than ${this.limits.maxRecordChars} characters`, this.rowLine);
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.addChar('"');
            continue;
          }
          this.quoted = false;
        } else {
          if (c === '"') this.quoteSeen = true;
          else {
            if (c === '\n') this.line++;
            this.addChar(c);
          }
          continue;
        }
      }
      if (c === '"' && this.field === '') this.quoted = true;
      else if (c === d) this.endField();
      else if (c === '\n' || c === '\r') {
        if (c === '\r') this.skipLf = true;
        this.endField();
        this.endRow();
        this.line++;
        this.rowLine = this.line;
        this.recordChars = 0;
      } else this.addChar(c);
    }
  }

  private addChar(c: string): void {
    this.field += c;
    if (this.field.length > this.limits.maxCellChars) throw new CsvLimitError(`a cell on line ${this.rowLine} is longer than ${this.limits.maxCellChars} characters`, this.rowLine);
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    if (this.row.length > this.limits.maxColumns) throw new CsvLimitError(`line ${this.rowLine} has more than ${this.limits.maxColumns} columns`, this.rowLine);
  }

  private endRow(): void {
    const row = this.row;
    this.row = [];
    if (row.length === 1 && row[0].trim() === '') return; // blank line
    this.rows.push(row);
    this.lines.push(this.rowLine);
    if (this.rows.length > this.limits.maxRows) throw new CsvLimitError(`the file has more than ${this.limits.maxRows - 1} rows; import at most ${this.limits.maxRows - 1} at a time`, this.rowLine);
  }
}

/** Reads a whole CSV text at once (no bounds): for small, trusted inputs and tests. */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const reader = new CsvReader();
  reader.push(text);
  return reader.end();
}

function detectDelimiter(header: string): ',' | ';' {
  const count = (ch: string) => header.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export const IMPORT_FIELDS = ['email', 'firstName', 'lastName', 'title', 'department', 'language'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

// Header spellings seen in HR exports, compared after lower-casing and dropping non-letters.
export const HEADER_ALIASES: Record<ImportField, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'workemail', 'businessemail'],
  firstName: ['firstname', 'givenname', 'first', 'forename', 'prenom', 'vorname'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'nom', 'nachname'],
  title: ['title', 'jobtitle', 'position', 'role', 'jobrole'],
  department: ['department', 'dept', 'team', 'division', 'unit', 'abteilung'],
  language: ['language', 'lang', 'locale', 'preferredlanguage', 'sprache', 'langue', 'idioma', 'taal'],
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
