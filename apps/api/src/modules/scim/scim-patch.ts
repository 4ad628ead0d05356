import { ScimError } from './scim-error';

type Json = Record<string, unknown>;

interface PatchPath {
  /** Lower-cased extension schema URN when the path names one; undefined for core attributes. */
  extension?: string;
  /** Attribute name; '' targets the whole extension object. */
  attr: string;
  /** `emails[type eq "work"]`, `members[value eq "…"]`. */
  filter?: { attr: string; value: string };
  sub?: string;
}

const CORE_URNS = ['urn:ietf:params:scim:schemas:core:2.0:user', 'urn:ietf:params:scim:schemas:core:2.0:group'];
const MAX_OPERATIONS = 1_000;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Attribute names are case-insensitive in SCIM (RFC 7643 §2.1): find the key the object already uses. */
const keyOf = (o: Json, name: string) => Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;

/**
 * Applies a SCIM PatchOp (RFC 7644 §3.5.2) to a resource's JSON and returns the result, for the caller to
 * read like a PUT body. It takes what the big clients actually send: `op` in any letter case (Entra ID
 * writes "Replace"), operations with no path whose value is an object of attributes (Okta), dotted and
 * URN-qualified paths, `emails[type eq "work"].value`, and Entra's `remove` of members by a value list.
 */
export function applyScimPatch(resource: Json, body: unknown, extensions: readonly string[]): Json {
  if (!isObject(body)) throw new ScimError(400, 'The PATCH body must be a JSON object with Operations.', 'invalidSyntax');
  const ops = body[keyOf(body, 'Operations')];
  if (!Array.isArray(ops) || ops.length === 0) throw new ScimError(400, 'The PATCH body needs a non-empty Operations array.', 'invalidSyntax');
  if (ops.length > MAX_OPERATIONS) throw new ScimError(400, `At most ${MAX_OPERATIONS} operations per request.`, 'tooMany');
  const out = structuredClone(resource);
  for (const raw of ops) {
    if (!isObject(raw)) throw new ScimError(400, 'Each operation must be an object.', 'invalidSyntax');
    const op = String(raw[keyOf(raw, 'op')] ?? '').toLowerCase();
    const path = raw[keyOf(raw, 'path')];
    const value = raw[keyOf(raw, 'value')];
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, `Unknown operation "${String(raw.op)}": use add, replace or remove.`, 'invalidSyntax');
    if (path === undefined || path === null || path === '') {
      if (op === 'remove') throw new ScimError(400, 'A remove operation needs a path.', 'noTarget');
      if (!isObject(value)) throw new ScimError(400, 'An operation without a path needs an object of attributes as its value.', 'invalidValue');
      for (const [k, v] of Object.entries(value)) applyAt(out, parsePath(k, extensions), op, v);
    } else {
      if (typeof path !== 'string') throw new ScimError(400, 'path must be a string.', 'invalidPath');
      applyAt(out, parsePath(path, extensions), op, value);
    }
  }
  return out;
}

function parsePath(path: string, extensions: readonly string[]): PatchPath {
  let rest = path.trim();
  let extension: string | undefined;
  if (/^urn:/i.test(rest)) {
    const lower = rest.toLowerCase();
    const core = CORE_URNS.find((u) => lower.startsWith(`${u}:`));
    const ext = extensions.find((u) => lower === u.toLowerCase() || lower.startsWith(`${u.toLowerCase()}:`));
    if (core) rest = rest.slice(core.length + 1);
    else if (ext) {
      extension = ext;
      rest = rest.slice(ext.length + 1);
      if (rest === '') return { extension, attr: '' };
    } else throw new ScimError(400, `Unknown schema in path ${path.slice(0, 200)}.`, 'invalidPath');
  }
  const m = /^([A-Za-z$][\w$-]*)(?:\[\s*([A-Za-z][\w]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\])?(?:\.([A-Za-z$][\w$-]*))?$/i.exec(rest);
  if (!m) throw new ScimError(400, `Unsupported path ${path.slice(0, 200)}.`, 'invalidPath');
  return { extension, attr: m[1], filter: m[2] ? { attr: m[2], value: JSON.parse(`"${m[3]}"`) } : undefined, sub: m[4] };
}

function applyAt(resource: Json, p: PatchPath, op: 'add' | 'replace' | 'remove', value: unknown): void {
  let container = resource;
  if (p.extension) {
    const k = keyOf(resource, p.extension);
    if (p.attr === '') {
      if (op === 'remove') delete resource[k];
      else if (isObject(value)) resource[k] = { ...(isObject(resource[k]) ? resource[k] : {}), ...value };
      else throw new ScimError(400, `The value for ${p.extension} must be an object.`, 'invalidValue');
      return;
    }
    if (!isObject(resource[k])) resource[k] = {};
    container = resource[k] as Json;
  }
  const key = keyOf(container, p.attr);
  if (p.filter) return applyFiltered(container, key, p as Required<Pick<PatchPath, 'filter'>> & PatchPath, op, value);
  if (p.sub) {
    const obj = isObject(container[key]) ? (container[key] as Json) : {};
    const sub = keyOf(obj, p.sub);
    if (op === 'remove') delete obj[sub];
    else obj[sub] = value;
    container[key] = obj;
    return;
  }
  const existing = container[key];
  if (op === 'remove') {
    // Entra ID removes group members with a value list instead of a filtered path.
    if (Array.isArray(existing) && Array.isArray(value)) {
      const gone = new Set(value.map(valueOf));
      container[key] = existing.filter((e) => !gone.has(valueOf(e)));
    } else delete container[key];
    return;
  }
  if (Array.isArray(existing) && op === 'add') {
    const have = new Set(existing.map(valueOf));
    container[key] = [...existing, ...(Array.isArray(value) ? value : [value]).filter((v) => !have.has(valueOf(v)))];
  } else if (isObject(existing) && isObject(value)) {
    container[key] = { ...existing, ...value };
  } else container[key] = value;
}

function applyFiltered(container: Json, key: string, p: PatchPath & { filter: { attr: string; value: string } }, op: 'add' | 'replace' | 'remove', value: unknown): void {
  const list = Array.isArray(container[key]) ? (container[key] as unknown[]) : [];
  const matches = (e: unknown) => isObject(e) && String(e[keyOf(e, p.filter.attr)] ?? '').toLowerCase() === p.filter.value.toLowerCase();
  if (op === 'remove') {
    container[key] = p.sub ? list.map((e) => (matches(e) ? Object.fromEntries(Object.entries(e as Json).filter(([k]) => k.toLowerCase() !== p.sub!.toLowerCase())) : e)) : list.filter((e) => !matches(e));
    return;
  }
  const patch = p.sub ? { [p.sub]: value } : isObject(value) ? value : null;
  if (!patch) throw new ScimError(400, `The value for ${key}[${p.filter.attr} eq "${p.filter.value}"] must be an object.`, 'invalidValue');
  if (!list.some(matches)) list.push({ [p.filter.attr]: p.filter.value, ...patch });
  else for (const e of list) if (matches(e)) Object.assign(e as Json, patch);
  container[key] = list;
}

/** The identity of a multi-valued element: its `value` sub-attribute (members, emails), else the element itself. */
function valueOf(e: unknown): unknown {
  if (isObject(e)) return String(e[keyOf(e, 'value')] ?? JSON.stringify(e)).toLowerCase();
  return e;
}
