import { EmployeeInputSchema, type EmployeeInput, type ImportRowError } from '@teamframe/shared-types';
import { IMPORT_FIELDS, mapHeader, parseCsv } from './csv';

export const MAX_IMPORT_ROWS = 20_000;

export interface ParsedImport {
  employees: EmployeeInput[];
  errors: ImportRowError[];
  rows: number;
  /** A problem with the file as a whole (no header, no email column…), or null. */
  fileError: string | null;
}

/** Reads and validates an employee CSV without touching the database. */
export function parseEmployeeCsv(text: string): ParsedImport {
  const { rows, lines } = parseCsv(text);
  if (rows.length === 0) return { employees: [], errors: [], rows: 0, fileError: 'The file is empty.' };
  const columns = mapHeader(rows[0]);
  const missing = (['email', 'firstName', 'lastName'] as const).filter((f) => columns[f] === undefined);
  if (missing.length) {
    return { employees: [], errors: [], rows: rows.length - 1, fileError: `The header row needs the columns email, first name and last name; missing: ${missing.map(label).join(', ')}.` };
  }
  if (rows.length - 1 > MAX_IMPORT_ROWS) {
    return { employees: [], errors: [], rows: rows.length - 1, fileError: `The file has ${rows.length - 1} rows; import at most ${MAX_IMPORT_ROWS} at a time.` };
  }
  const employees: EmployeeInput[] = [];
  const errors: ImportRowError[] = [];
  const firstLineOfEmail = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const line = lines[r];
    const raw = Object.fromEntries(IMPORT_FIELDS.filter((f) => columns[f] !== undefined).map((f) => [f, rows[r][columns[f]!] ?? '']));
    const parsed = EmployeeInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line, field: String(issue.path[0] ?? 'row'), message: issue.message });
      continue;
    }
    const seen = firstLineOfEmail.get(parsed.data.email);
    if (seen !== undefined) {
      errors.push({ line, field: 'email', message: `duplicates line ${seen}` });
      continue;
    }
    firstLineOfEmail.set(parsed.data.email, line);
    employees.push(parsed.data);
  }
  return { employees, errors, rows: rows.length - 1, fileError: null };
}

function label(field: string): string {
  return field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}
