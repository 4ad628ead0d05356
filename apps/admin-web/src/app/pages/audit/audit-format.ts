// Pure helpers for the audit log page: labels, filter groups, date bounds and the compact details.
// No Angular and no value imports from @teamframe/shared-types, so they are testable with plain vitest.

/** The filter's action groups; `prefix` goes to the API as `action` (a prefix match). */
export interface AuditActionGroup {
  prefix: string;
  label: string;
  /** Said under the select when the group needs a word of explanation. */
  hint?: string;
}

export const AUDIT_ACTION_GROUPS: readonly AuditActionGroup[] = [
  { prefix: '', label: 'All events' },
  { prefix: 'auth.', label: 'Sign-ins' },
  { prefix: 'sso.', label: 'SSO' },
  { prefix: 'employee.', label: 'Employees', hint: 'Includes erasing an employee’s data.' },
  { prefix: 'invite.', label: 'Invites' },
  { prefix: 'campaign.', label: 'Campaigns' },
  { prefix: 'upload.', label: 'Uploads' },
  { prefix: 'headshot.', label: 'Headshots' },
  { prefix: 'batch.', label: 'Batches' },
  { prefix: 'export.', label: 'Exports' },
  { prefix: 'style.', label: 'Style' },
  { prefix: 'brand.', label: 'Brand' },
  { prefix: 'member.', label: 'Members' },
  { prefix: 'custom_field.', label: 'Custom fields' },
  { prefix: 'notifications.', label: 'Notification switches' },
  { prefix: 'retention.', label: 'Retention and erasure', hint: 'Erasing one employee is under Employees.' },
];

/** How each known action reads. Anything else shows its code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in failed',
  'auth.logout': 'Signed out',
  'auth.sso_refused': 'SSO sign-in refused',
  'auth.sso_no_role': 'SSO sign-in without a role',
  'user.provisioned_sso': 'Member created through SSO',
  'user.sso_linked': 'Member linked to SSO',
  'sso.config_updated': 'SSO settings changed',
  'bootstrap.owner_created': 'First owner created',
  'employee.created': 'Employee added',
  'employee.updated': 'Employee edited',
  'employee.imported': 'Employees imported from CSV',
  'employee.deactivated': 'Employee deactivated',
  'employee.reactivated': 'Employee reactivated',
  'employee.consent_accepted': 'Employee accepted the consent',
  'employee.erased': 'Employee’s data erased',
  'invite.sent': 'Invites sent',
  'invite.link_copied': 'Personal link copied for chat',
  'invite.settings_updated': 'Invite settings changed',
  'campaign.started': 'Campaign started',
  'campaign.reminded': 'Campaign reminders sent',
  'campaign.ended': 'Campaign ended',
  'campaign.refresh_invited': 'Refresh invites sent',
  'campaign.refresh_settings_updated': 'Refresh cycle changed',
  'custom_field.created': 'Custom field added',
  'custom_field.updated': 'Custom field changed',
  'custom_field.deleted': 'Custom field deleted',
  'notifications.updated': 'Notification switches changed',
  'upload.accepted': 'Selfie uploaded',
  'headshot.processed': 'Headshot generated',
  'headshot.failed': 'Headshot failed',
  'headshot.retried': 'Headshot retried',
  'headshot.approved': 'Headshot approved',
  'headshot.rejected': 'Headshot rejected',
  'headshot.regenerated': 'Headshot regenerated',
  'batch.started': 'Batch started',
  'style.saved': 'Company style saved',
  'style.restored': 'Earlier style restored',
  'style.applied_to_existing': 'Style applied to existing headshots',
  'brand.logo_updated': 'Logo uploaded',
  'brand.logo_removed': 'Logo removed',
  'brand.colours_updated': 'Brand colours changed',
  'brand.background_added': 'Background added',
  'member.created': 'Member added',
  'member.updated': 'Member changed',
  'retention.settings_updated': 'Retention settings changed',
  'retention.deleted': 'Old data deleted (retention)',
  'org.settings_updated': 'Organisation settings changed',
  'export.created': 'Export requested',
  'export.completed': 'Export ready',
  'export.failed': 'Export failed',
  'export.downloaded': 'Export downloaded',
  'export.expired': 'Export expired',
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** Actions an employee takes through their invite link, never a signed-in member. */
const EMPLOYEE_LINK_ACTIONS = new Set(['upload.accepted', 'employee.consent_accepted']);
/** Attempts by someone who was not (yet) signed in. */
const ANONYMOUS_ACTIONS = new Set(['auth.login_failed', 'auth.sso_refused', 'auth.sso_no_role']);

/** Done by Teamframe itself: first run, background jobs, scheduled clean-up. */
const SYSTEM_ACTIONS = new Set([
  'bootstrap.owner_created',
  'headshot.processed',
  'headshot.failed',
  'export.completed',
  'export.failed',
  'export.expired',
  'retention.deleted',
]);

/** Who did it, for an event without an actor. */
export function actorFallback(action: string): string {
  if (EMPLOYEE_LINK_ACTIONS.has(action)) return 'Employee link';
  if (ANONYMOUS_ACTIONS.has(action)) return 'Not signed in';
  if (SYSTEM_ACTIONS.has(action)) return 'System';
  return 'System / employee link';
}

const SUBJECT_LABELS: Readonly<Record<string, string>> = {
  user: 'Member',
  employee: 'Employee',
  headshot: 'Headshot',
  batch: 'Batch',
  export: 'Export',
  upload: 'Upload',
  style: 'Style',
};

export function subjectLabel(type: string | null): string {
  if (!type) return '';
  return SUBJECT_LABELS[type] ?? type.charAt(0).toUpperCase() + type.slice(1).replace(/_/g, ' ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The first block of a UUID is enough to tell rows apart; the full id goes in a tooltip. */
export function shortId(id: string | null): string {
  if (!id) return '';
  return UUID.test(id) ? id.slice(0, 8) : id.length > 12 ? `${id.slice(0, 12)}…` : id;
}

// ----- dates -----

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** `2026-03-04T00:00:00.000+01:00`: the local wall time with its offset, which the API accepts. */
export function toLocalIso(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/** A date input's `YYYY-MM-DD` as local midnight, or null when empty or not a real date. */
export function parseDateInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = new Date(y, mo, d, 0, 0, 0, 0);
  return date.getFullYear() === y && date.getMonth() === mo && date.getDate() === d ? date : null;
}

/**
 * The API's `from`/`to` for a range of whole local days: from the first day's 00:00 to the day
 * after the last one at 00:00. Empty inputs are left out; a range ending before it starts is an error.
 */
export function dateRangeParams(from: string, to: string): { from?: string; to?: string } | { error: string } {
  const start = parseDateInput(from);
  const end = parseDateInput(to);
  if (from.trim() && !start) return { error: 'The start date is not a valid date.' };
  if (to.trim() && !end) return { error: 'The end date is not a valid date.' };
  if (start && end && end < start) return { error: 'The end date is before the start date.' };
  const out: { from?: string; to?: string } = {};
  if (start) out.from = toLocalIso(start);
  if (end) out.to = toLocalIso(new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1));
  return out;
}

// ----- details -----

export interface DetailChip {
  key: string;
  value: string;
  /** The whole value when `value` is shortened. */
  full: string;
}

const MAX_VALUE = 48;

const KEY_LABELS: Readonly<Record<string, string>> = {
  ip: 'IP',
  idp: 'IdP',
  nameId: 'SSO name',
  ms: 'took',
  styleVersionId: 'style',
  includeEmail: 'emails included',
};

function humanKey(key: string): string {
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  const spaced = key
    .replace(/Ids?$/, (m) => (m === 'Ids' ? 's' : ''))
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return spaced || key;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

function scalar(key: string, v: unknown, short = true): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') {
    if ((key === 'size' || key === 'bytes') && Number.isFinite(v)) return formatBytes(v);
    if (key === 'ms' && Number.isFinite(v)) return v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`;
    if (key === 'quality' && v > 0 && v <= 1) return v.toFixed(2);
    return String(v);
  }
  if (typeof v === 'string') return short && UUID.test(v) ? shortId(v) : v;
  return '';
}

function valueText(key: string, v: unknown, short = true): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return 'none';
    const simple = v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x));
    if (simple && v.length <= 4 && !v.some((x) => typeof x === 'string' && UUID.test(x))) {
      return v.map((x) => scalar(key, x, short)).join(', ');
    }
    return `${v.length} ${v.length === 1 ? 'item' : 'items'}`;
  }
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return 'none';
    return entries.map(([k, x]) => `${humanKey(k)} ${typeof x === 'object' && x !== null ? '…' : scalar(k, x, short)}`).join(', ');
  }
  return scalar(key, v, short);
}

/** The event's details as short `key: value` pairs, never raw JSON. */
export function detailChips(details: Record<string, unknown> | null | undefined): DetailChip[] {
  if (!details || typeof details !== 'object') return [];
  return Object.entries(details)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const text = valueText(k, v);
      const value = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
      const full = valueText(k, v, false);
      return { key: humanKey(k), value, full };
    });
}
