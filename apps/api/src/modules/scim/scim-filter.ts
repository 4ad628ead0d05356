import { ScimError } from './scim-error';

/** A filter the provisioning clients send: one attribute compared with `eq` (RFC 7644 §3.4.2.2). */
export interface ScimEqFilter {
  /** Lower-cased attribute path, e.g. `username`, `externalid`, `emails.value`, `displayname`. */
  attribute: string;
  value: string | boolean;
}

/**
 * Okta and Entra ID filter users only by `userName eq`, `externalId eq` or the work e-mail, and groups
 * by `displayName eq` (both guides say so); those are the filters we answer. Anything else gets the
 * `invalidFilter` error the RFC prescribes, never a silently unfiltered list.
 */
export function parseScimFilter(filter: string, supported: readonly string[]): ScimEqFilter {
  const m = /^\s*([A-Za-z][\w.:-]*(?:\[\s*type\s+eq\s+"work"\s*\]\.value)?)\s+eq\s+("((?:[^"\\]|\\.)*)"|true|false)\s*$/i.exec(filter);
  if (!m) throw new ScimError(400, `Unsupported filter: ${filter.slice(0, 200)}. Use <attribute> eq "<value>" with one of ${supported.join(', ')}.`, 'invalidFilter');
  const attribute = m[1].toLowerCase().replace(/\[\s*type\s+eq\s+"work"\s*\]/, '').replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/, '');
  if (!supported.includes(attribute)) throw new ScimError(400, `Filtering by ${m[1]} is not supported. Use one of ${supported.join(', ')}.`, 'invalidFilter');
  const value = m[3] !== undefined ? JSON.parse(`"${m[3]}"`) : m[2].toLowerCase() === 'true';
  return { attribute, value };
}

/** `startIndex` (1-based) and `count` as RFC 7644 §3.4.2.4 reads them: bad or small values are clamped, not refused. */
export function scimPaging(startIndex: unknown, count: unknown, max: number): { startIndex: number; count: number } {
  const s = Number.parseInt(String(startIndex ?? '1'), 10);
  const c = Number.parseInt(String(count ?? String(max)), 10);
  return { startIndex: Number.isFinite(s) && s >= 1 ? s : 1, count: Number.isFinite(c) ? Math.min(Math.max(c, 0), max) : max };
}
