import { customFieldKeyFromLabel, RESERVED_CUSTOM_FIELD_KEYS } from '@teamframe/shared-types';
import { columnKey, HEADER_ALIASES } from '../employees/csv';

// The built-in importer compares headers by their letters only; an identity column must never be
// taken by a custom field, so those are checked in that form too ("E-mail 2" still reads as email).
const lettersOnly = (s: string) => columnKey(s).replace(/[0-9]/g, '');
const IDENTITY = new Set([...HEADER_ALIASES.email, ...HEADER_ALIASES.firstName, ...HEADER_ALIASES.lastName]);

/**
 * Columns the product already writes or reads: the built-in fields, and the other columns of the
 * status CSV and export manifests. A custom field named like one would be ambiguous on re-import.
 * Secondary spellings of title and department ("team", "role") stay free: a custom field of that
 * name takes its column before the built-in field does.
 */
const RESERVED = new Set([...IDENTITY, 'name', 'fullname', 'title', 'department', 'status', 'invited', 'uploaded', 'approved', 'approvedat', 'id', 'createdat', 'updatedat', 'customfields', 'printfiles']);

/** Why a label or key cannot be a custom field's, or null when it can. */
export function reservedNameProblem(labelOrKey: string): string | null {
  if (RESERVED.has(columnKey(labelOrKey)) || IDENTITY.has(lettersOnly(labelOrKey))) return 'is already a built-in column';
  return null;
}

/**
 * manifest.csv has a `file_<rendition>` column per rendition; a key must not look like one. Keys become
 * object properties, so the names every object inherits (`constructor`…) are refused too.
 */
export function keyProblem(key: string): string | null {
  if (RESERVED_CUSTOM_FIELD_KEYS.has(key.toLowerCase())) return 'is a reserved word';
  if (key.startsWith('file_')) return 'must not start with file_ (used by the export file columns)';
  return reservedNameProblem(key);
}

/** The key to store: the one asked for, else derived from the label; '' when none can be derived. */
export const keyFor = (label: string, key?: string) => key ?? customFieldKeyFromLabel(label);
