import type { Readable, Writable } from 'node:stream';
import { customFieldValue, type ExportManifestCustomFields, type ExportManifestEntry } from '@teamframe/shared-types';
import * as archiverModule from 'archiver';
import type { Archiver, CoreOptions, ZipOptions } from 'archiver';
import { csvRow, escapeHtml, fileBaseName, UniqueNames } from './export-names';

export interface ArchivePerson {
  employeeId: string;
  firstName: string;
  lastName: string;
  title: string;
  department: string;
  email: string;
  approvedAt: Date;
  /** Custom field values by key (only the non-empty ones). */
  customFields: Record<string, string>;
  /** The stored renditions of the approved headshot, by name. */
  renditions: Map<string, { key: string; width: number; height: number }>;
}

/** A custom field as the archive shows it: a manifest column each, a line on the team page when asked for. */
export interface ArchiveCustomField {
  key: string;
  label: string;
  showOnTeamPage: boolean;
}

/** A person in manifest.json and manifest.csv. */
export type ManifestEntry = ExportManifestEntry & ExportManifestCustomFields;

export interface ArchiveOptions {
  orgName: string;
  /** The org's custom fields in display order. */
  customFields: ArchiveCustomField[];
  /** Storage key of the org's logo (PNG); it goes into the ZIP as logo.png and heads the team page. */
  logoKey?: string | null;
  renditions: string[];
  naming: string;
  includeEmail: boolean;
  generatedAt: Date;
}

// archiver 7 exports a factory function; the installed @types/archiver (8) describes v8's classes,
// whose instances have the same API. With @types/archiver@6 this becomes a plain default import.
const createArchive = (archiverModule as unknown as { default: (format: 'zip', options: CoreOptions & ZipOptions) => Archiver }).default;

const extOf = (key: string) => {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return /^[a-z0-9]{1,5}$/.test(ext) ? ext : 'bin';
};

/** Gives every person a file name per rendition, unique within its folder. */
export function planFiles(people: ArchivePerson[], o: Pick<ArchiveOptions, 'renditions' | 'naming' | 'customFields'>): ManifestEntry[] {
  const names = new UniqueNames();
  return people.map((p, i) => {
    const files: Record<string, string> = {};
    for (const r of o.renditions) {
      const stored = p.renditions.get(r);
      if (!stored) continue;
      files[r] = `${r}/${names.take(r, fileBaseName(o.naming, { id: p.employeeId, firstName: p.firstName, lastName: p.lastName, department: p.department }, r, i + 1), extOf(stored.key))}`;
    }
    return {
      name: `${p.firstName} ${p.lastName}`.trim(),
      firstName: p.firstName,
      lastName: p.lastName,
      title: p.title,
      department: p.department,
      ...({ email: p.email } as { email?: string }),
      approvedAt: p.approvedAt.toISOString(),
      customFields: Object.fromEntries(o.customFields.map((f) => [f.key, customFieldValue(p.customFields, f.key)])),
      files,
    };
  });
}

// Custom field columns are headed by their key, which the employee import reads back.
export function manifestCsv(entries: ManifestEntry[], o: Pick<ArchiveOptions, 'renditions' | 'includeEmail' | 'customFields'>): string {
  const header = ['name', 'first_name', 'last_name', 'title', 'department', ...o.customFields.map((f) => f.key), ...(o.includeEmail ? ['email'] : []), 'approved_at', ...o.renditions.map((r) => `file_${r}`)];
  let out = `\ufeff${csvRow(header)}`;
  for (const e of entries) {
    out += csvRow([e.name, e.firstName, e.lastName, e.title, e.department, ...o.customFields.map((f) => customFieldValue(e.customFields, f.key)), ...(o.includeEmail ? [e.email ?? ''] : []), e.approvedAt, ...o.renditions.map((r) => e.files[r] ?? '')]);
  }
  return out;
}

/** The rendition the team page shows: the smallest at least 300 px wide, else the largest. */
export function pageRendition(people: ArchivePerson[], renditions: string[]): string | null {
  const widths = renditions
    .map((name) => ({ name, width: people.find((p) => p.renditions.has(name))?.renditions.get(name)?.width ?? 0 }))
    .filter((r) => r.width > 0)
    .sort((a, b) => a.width - b.width);
  return (widths.find((r) => r.width >= 300) ?? widths[widths.length - 1])?.name ?? null;
}

/** A self-contained, responsive team page: inline CSS, relative image paths, no scripts, no requests elsewhere. */
export function teamPage(entries: ManifestEntry[], o: Pick<ArchiveOptions, 'orgName' | 'generatedAt' | 'logoKey' | 'customFields'>, rendition: string | null): string {
  const shown = o.customFields.filter((f) => f.showOnTeamPage);
  const extras = (e: ManifestEntry) => {
    const items = shown.filter((f) => customFieldValue(e.customFields, f.key)).map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(customFieldValue(e.customFields, f.key))}</dd>`);
    return items.length ? `<dl>${items.join('')}</dl>` : '';
  };
  const cards = entries
    .filter((e) => rendition && e.files[rendition])
    .map((e) => {
      const src = e.files[rendition!].split('/').map(encodeURIComponent).join('/');
      return `<li class="card"><img src="${escapeHtml(src)}" alt="${escapeHtml(e.name)}" loading="lazy" decoding="async"><h2>${escapeHtml(e.name)}</h2>${e.title ? `<p>${escapeHtml(e.title)}</p>` : ''}${extras(e)}</li>`;
    })
    .join('\n');
  const title = `${o.orgName} — our team`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1f;background:#f7f7fa}
header{padding:32px 24px 8px;max-width:1200px;margin:auto}
h1{font-size:clamp(24px,4vw,36px);margin:0}
.logo{display:block;max-height:56px;max-width:240px;margin:0 0 12px}
ul{list-style:none;margin:0 auto;padding:24px;max-width:1200px;display:grid;gap:24px;grid-template-columns:repeat(auto-fill,minmax(180px,1fr))}
.card{background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.card img{display:block;width:100%;height:auto;aspect-ratio:1/1;object-fit:cover;background:#e3e3e8}
.card h2{font-size:16px;margin:12px 12px 4px;overflow-wrap:anywhere}
.card p{font-size:14px;margin:0 12px 14px;color:#555;overflow-wrap:anywhere}
.card dl{font-size:13px;margin:-6px 12px 14px;overflow-wrap:anywhere}
.card dt{color:#6b6b73;font-size:12px}
.card dd{margin:0 0 6px;color:#333}
@media (max-width:480px){ul{grid-template-columns:repeat(2,1fr);gap:12px;padding:12px}}
</style>
</head>
<body>
<header>${o.logoKey ? `<img class="logo" src="logo.png" alt="${escapeHtml(o.orgName)}">` : ''}<h1>${escapeHtml(title)}</h1></header>
<ul>
${cards}
</ul>
</body>
</html>
`;
}

/**
 * Streams the ZIP into `out`: the team page and manifests first, then one folder per rendition.
 * Images are stored as they are (already compressed); entries are appended one at a time, each only
 * after archiver has consumed the one before, so memory and open files stay flat whatever the team size.
 *
 * Every stream involved has an error path: the archive, `out` and each source file. The first failure
 * aborts the archive and rejects with it (archiver does not listen on its sources, and a failed source
 * would otherwise either kill the process or leave the archive waiting for ever). `open` names the entry
 * so that it can say which file was missing.
 */
export async function writeArchive(
  out: Writable,
  people: ArchivePerson[],
  o: ArchiveOptions,
  open: (key: string, entryName: string) => Promise<Readable>,
  onProgress: (done: number, total: number) => void | Promise<void>,
): Promise<{ entries: number; manifest: ManifestEntry[] }> {
  const plan = planFiles(people, o);
  const manifest = plan.map((e) => {
    if (o.includeEmail) return e;
    const { email: _omit, ...rest } = e;
    return rest;
  });
  const archive = createArchive('zip', { zlib: { level: 6 }, forceZip64: false });
  let failed: Error | null = null;
  let fail!: (e: Error) => void;
  const failure = new Promise<never>((_, reject) => {
    fail = (e) => {
      if (failed) return;
      failed = e;
      archive.abort();
      reject(e);
    };
  });
  failure.catch(() => undefined); // raced against every wait below; rejected on its own, nobody may be waiting
  archive.on('error', (e) => fail(e));
  archive.on('warning', (e) => fail(e));
  out.on('error', (e) => fail(e));
  const finished = new Promise<void>((resolve) => out.once('close', () => resolve()));
  archive.pipe(out);

  const append = async (source: Readable | string, name: string, store: boolean) => {
    if (typeof source !== 'string') source.on('error', (e) => fail(e));
    let onEntry!: () => void;
    const entry = new Promise<void>((resolve) => archive.once('entry', (onEntry = resolve)));
    try {
      archive.append(source, { name, store, date: o.generatedAt });
      await Promise.race([entry, failure]);
    } finally {
      // Thousands of entries must not pile up listeners when one fails.
      archive.off('entry', onEntry);
    }
  };
  const appendStored = async (key: string, name: string) => append(await Promise.race([open(key, name), failure]), name, true);

  await append(teamPage(manifest, o, pageRendition(people, o.renditions)), 'index.html', false);
  await append(manifestCsv(manifest, o), 'manifest.csv', false);
  if (o.logoKey) await appendStored(o.logoKey, 'logo.png');
  await append(`${JSON.stringify({ organisation: o.orgName, generatedAt: o.generatedAt.toISOString(), renditions: o.renditions, customFields: o.customFields.map(({ key, label }) => ({ key, label })), people: manifest }, null, 2)}\n`, 'manifest.json', false);
  const total = people.length * o.renditions.length;
  let done = 0;
  let entries = o.logoKey ? 4 : 3;
  for (let i = 0; i < people.length; i++) {
    for (const r of o.renditions) {
      const file = plan[i].files[r];
      const stored = people[i].renditions.get(r);
      if (file && stored) {
        await appendStored(stored.key, file);
        entries++;
      }
      await onProgress(++done, total);
    }
  }
  await Promise.race([archive.finalize(), failure]);
  await Promise.race([finished, failure]);
  if (failed) throw failed;
  return { entries, manifest };
}
