import { CustomFieldValueSchema, EmployeeInputSchema, type EmployeeInput, type ImportRowError } from '@teamframe/shared-types';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { IMPORT_FIELDS, mapCustomColumns, mapHeader, parseCsv } from './csv';

export const MAX_IMPORT_ROWS = 20_000;

/** A row to upsert; `customFields` holds the custom columns present in the file ('' clears a value). */
export type ImportedEmployee = EmployeeInput & { customFields: Record<string, string> };

export interface ParsedImport {
  employees: ImportedEmployee[];
  errors: ImportRowError[];
  rows: number;
  /** The file has a language column: its values (an empty cell clears) replace each person's language. */
  hasLanguage: boolean;
  /** A problem with the file as a whole (no header, no email column…), or null. */
  fileError: string | null;
}

/** Rows validated between two turns of the event loop: other requests are served in between. */
const ROWS_PER_TURN = 100;

/** Reads and validates a whole CSV text (see employeesFromRows). */
export function parseEmployeeCsv(text: string, customFields: readonly { key: string; label: string }[] = []): Promise<ParsedImport> {
  const { rows, lines } = parseCsv(text);
  return employeesFromRows(rows, lines, customFields);
}

/**
 * Validates the rows of an employee CSV (the first is the header) without touching the database.
 * Columns named like one of `customFields` (by label or key) fill that field; other unknown columns
 * are ignored. Yields to the event loop every ROWS_PER_TURN rows.
 */
export async function employeesFromRows(rows: string[][], lines: number[], customFields: readonly { key: string; label: string }[] = []): Promise<ParsedImport> {
  if (rows.length === 0) return { employees: [], errors: [], rows: 0, hasLanguage: false, fileError: 'The file is empty.' };
  const custom = mapCustomColumns(rows[0], customFields);
  const columns = mapHeader(rows[0], new Set(custom.map((c) => c.index)));
  const missing = (['email', 'firstName', 'lastName'] as const).filter((f) => columns[f] === undefined);
  if (missing.length) {
    return { employees: [], errors: [], rows: rows.length - 1, hasLanguage: false, fileError: `The header row needs the columns email, first name and last name; missing: ${missing.map(label).join(', ')}.` };
  }
  if (rows.length - 1 > MAX_IMPORT_ROWS) {
    return { employees: [], errors: [], rows: rows.length - 1, hasLanguage: false, fileError: `The file has ${rows.length - 1} rows; import at most ${MAX_IMPORT_ROWS} at a time.` };
  }
  const employees: ImportedEmployee[] = [];
  const errors: ImportRowError[] = [];
  const firstLineOfEmail = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    if (r % ROWS_PER_TURN === 0) await nextTurn();
    const line = lines[r];
    const raw = Object.fromEntries(IMPORT_FIELDS.filter((f) => columns[f] !== undefined).map((f) => [f, rows[r][columns[f]!] ?? '']));
    const parsed = EmployeeInputSchema.safeParse(raw);
    const rowErrors: ImportRowError[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ line, field: String(issue.path[0] ?? 'row'), message: issue.message }));
    // No prototype: a column keyed `__proto__` or `constructor` stays an ordinary entry.
    const values: Record<string, string> = Object.create(null);
    for (const c of custom) {
      const value = CustomFieldValueSchema.safeParse(rows[r][c.index] ?? '');
      if (value.success) values[c.key] = value.data;
      else rowErrors.push({ line, field: c.header, message: value.error.issues[0].message });
    }
    if (!parsed.success || rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const seen = firstLineOfEmail.get(parsed.data.email);
    if (seen !== undefined) {
      errors.push({ line, field: 'email', message: `duplicates line ${seen}` });
      continue;
    }
    firstLineOfEmail.set(parsed.data.email, line);
    employees.push({ ...parsed.data, customFields: values });
  }
  return { employees, errors, rows: rows.length - 1, hasLanguage: columns.language !== undefined, fileError: null };
}

function label(field: string): string {
  return field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}
