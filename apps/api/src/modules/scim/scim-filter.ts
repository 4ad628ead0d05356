import { ScimError } from './scim-error';

/** A filter the provisioning clients send: one attribute compared with `eq` (RFC 7644 §3.4.2.2). */
export interface ScimEqFilter {
  /** Lower-cased attribute path, e.g. `username`, `externalid`, `emails.value`, `displayname`. */
  attribute: string;
  value: string | boolean;
}

const CLAUSE = /\s*([A-Za-z][\w.:-]*(?:\[\s*type\s+eq\s+"work"\s*\]\.value)?)\s+eq\s+("((?:[^"\\]|\\.)*)"|true|false)\s*/iy;
const AND = /and\b/iy;
const MAX_CLAUSES = 5;

/**
 * Okta and Entra ID filter users only by `userName eq`, `externalId eq` or the work e-mail, and groups
 * by `displayName eq`, with `eq` joined by `and` at most (Entra's guide: "only eq and and"). Those are
 * the filters we answer. Anything else gets the `invalidFilter` error the RFC prescribes, never a
 * silently unfiltered list.
 */
export function parseScimFilter(filter: string, supported: readonly string[]): ScimEqFilter[] {
  const clauses: ScimEqFilter[] = [];
  let at = 0;
  for (;;) {
    CLAUSE.lastIndex = at;
    const m = CLAUSE.exec(filter);
    if (!m || clauses.length >= MAX_CLAUSES) throw invalid(filter, supported);
    const attribute = m[1].toLowerCase().replace(/\[\s*type\s+eq\s+"work"\s*\]/, '').replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/, '');
    if (!supported.includes(attribute)) throw new ScimError(400, `Filtering by ${m[1]} is not supported. Use one of ${supported.join(', ')}.`, 'invalidFilter');
    clauses.push({ attribute, value: m[3] !== undefined ? unquote(m[3], filter, supported) : m[2].toLowerCase() === 'true' });
    at = CLAUSE.lastIndex;
    if (at === filter.length) return clauses;
    AND.lastIndex = at;
    if (!AND.exec(filter)) throw invalid(filter, supported);
    at = AND.lastIndex;
  }
}

function unquote(body: string, filter: string, supported: readonly string[]): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    throw invalid(filter, supported);
  }
}

const invalid = (filter: string, supported: readonly string[]) =>
  new ScimError(400, `Unsupported filter: ${filter.slice(0, 200)}. Use <attribute> eq "<value>" (joined by and) with one of ${supported.join(', ')}.`, 'invalidFilter');

/** `startIndex` (1-based) and `count` as RFC 7644 §3.4.2.4 reads them: bad or small values are clamped, not refused. */
export function scimPaging(startIndex: unknown, count: unknown, max: number): { startIndex: number; count: number } {
  const s = Number.parseInt(String(startIndex ?? '1'), 10);
  const c = Number.parseInt(String(count ?? String(max)), 10);
  return { startIndex: Number.isFinite(s) && s >= 1 ? s : 1, count: Number.isFinite(c) ? Math.min(Math.max(c, 0), max) : max };
}

/**
 * The filters as conditions to append after `WHERE <org> = $1`: each attribute's SQL from `sqlOf`
 * (written with `$2` for its value), renumbered so every value is a parameter of its own.
 */
export function scimFilterSql(orgId: string, filters: ScimEqFilter[], sqlOf: Record<string, string>, param: (v: string | boolean) => unknown = (v) => v): { where: string; params: unknown[] } {
  const params: unknown[] = [orgId];
  let where = '';
  for (const f of filters) {
    params.push(param(f.value));
    where += ` AND ${sqlOf[f.attribute].replace('$2', `$${params.length}`)}`;
  }
  return { where, params };
}
