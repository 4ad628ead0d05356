import { EmployeeInputSchema, languageFromAcceptLanguage } from '@teamframe/shared-types';
import { scimInvalidValue } from './scim-error';
import { SCHEMA } from './scim-schemas';

type Json = Record<string, unknown>;

/** An employee as the SCIM queries read it (employee row + its SCIM identity, when it has one). */
export interface ScimUserRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  title: string;
  department: string;
  language: string | null;
  deactivated_at: Date | null;
  created_at: Date;
  updated_at: Date;
  user_name: string | null;
  external_id: string | null;
}

/** What a SCIM User body sets on an employee. `active` is undefined when the body leaves it out. */
export interface ScimUserFields {
  userName: string;
  externalId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  department: string;
  /**
   * From `preferredLanguage` (RFC 7643 §4.1.2, Accept-Language form): the first language the employee
   * side speaks, null when it speaks none of them; undefined when the body leaves it out (unchanged).
   */
  language: string | null | undefined;
  active: boolean | undefined;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (o: Json, name: string): unknown => o[Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name];
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

/** SCIM booleans, including Entra ID's string form ("True", "False"). */
export function scimBoolean(v: unknown, attribute: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  throw scimInvalidValue(`${attribute} must be true or false.`);
}

export function toScimUser(r: ScimUserRow, baseUrl: string): Json {
  return {
    schemas: [SCHEMA.user, SCHEMA.enterpriseUser],
    id: r.id,
    externalId: r.external_id ?? undefined,
    userName: r.user_name ?? r.email,
    name: { givenName: r.first_name, familyName: r.last_name, formatted: `${r.first_name} ${r.last_name}` },
    displayName: `${r.first_name} ${r.last_name}`,
    title: r.title || undefined,
    preferredLanguage: r.language ?? undefined,
    emails: [{ value: r.email, type: 'work', primary: true }],
    active: r.deactivated_at === null,
    [SCHEMA.enterpriseUser]: { department: r.department },
    meta: { resourceType: 'User', created: r.created_at.toISOString(), lastModified: r.updated_at.toISOString(), location: `${baseUrl}/Users/${r.id}` },
  };
}

/**
 * Reads a User body (POST, PUT, or a patched resource). The work e-mail is the primary e-mail, else the
 * `work` one, else the first, else the userName when it is an address (Entra ID's UPN usually is).
 * Attributes Teamframe does not keep (phone numbers, addresses, manager, password…) are ignored.
 */
export function readScimUser(body: unknown): ScimUserFields {
  if (!isObject(body)) throw scimInvalidValue('The body must be a SCIM User object.');
  const userName = str(get(body, 'userName'));
  if (!userName) throw scimInvalidValue('userName is required.');
  if (userName.length > 320) throw scimInvalidValue('userName is longer than 320 characters.');
  const externalIdRaw = get(body, 'externalId');
  const externalId = externalIdRaw === undefined || externalIdRaw === null || externalIdRaw === '' ? null : String(externalIdRaw);
  if (externalId && externalId.length > 256) throw scimInvalidValue('externalId is longer than 256 characters.');

  const name = isObject(get(body, 'name')) ? (get(body, 'name') as Json) : {};
  const display = str(get(body, 'displayName')) ?? '';
  const space = display.lastIndexOf(' ');
  const firstName = str(get(name, 'givenName')) || (space > 0 ? display.slice(0, space) : display);
  const lastName = str(get(name, 'familyName')) || (space > 0 ? display.slice(space + 1) : '');

  const emails = Array.isArray(get(body, 'emails')) ? (get(body, 'emails') as unknown[]).filter(isObject) : [];
  const chosen =
    emails.find((e) => get(e, 'primary') === true || String(get(e, 'primary')).toLowerCase() === 'true') ??
    emails.find((e) => String(get(e, 'type')).toLowerCase() === 'work') ??
    emails[0];
  const email = str(chosen && get(chosen, 'value')) || (userName.includes('@') ? userName : '');
  if (!email) throw scimInvalidValue('A work e-mail is required: send emails, or a userName that is an e-mail address.');

  const ext = get(body, SCHEMA.enterpriseUser);
  const department = (isObject(ext) ? str(get(ext, 'department')) : undefined) ?? '';
  const activeRaw = get(body, 'active');
  const preferred = get(body, 'preferredLanguage');
  if (preferred !== undefined && preferred !== null && typeof preferred !== 'string') throw scimInvalidValue('preferredLanguage must be a string such as "de-DE".');
  const parsed = EmployeeInputSchema.safeParse({ email, firstName, lastName, title: str(get(body, 'title')) ?? '', department });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw scimInvalidValue(`${scimName(String(issue.path[0]))} ${issue.message}.`);
  }
  return {
    userName,
    externalId,
    email: parsed.data.email,
    firstName: parsed.data.firstName,
    lastName: parsed.data.lastName,
    title: parsed.data.title,
    department: parsed.data.department,
    language: preferred === undefined ? undefined : languageFromAcceptLanguage(preferred),
    active: activeRaw === undefined || activeRaw === null ? undefined : scimBoolean(activeRaw, 'active'),
  };
}

const scimName = (field: string) =>
  ({ email: 'emails[type eq "work"].value', firstName: 'name.givenName', lastName: 'name.familyName', title: 'title', department: `${SCHEMA.enterpriseUser}:department` })[field] ?? field;
