import type { Readable, Writable } from 'node:stream';
import { type ColourSpace, customFieldValue, type ExportManifestCustomFields, type ExportManifestEntry, type ExportManifestFolder, isPrintRendition, isScreenRendition } from '@teamframe/shared-types';
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
  renditions: Map<string, ArchiveFile>;
}

/** One stored rendition file: format, colour space and DPI as the engine wrote them (absent on old headshots). */
export interface ArchiveFile {
  key: string;
  width: number;
  height: number;
  format?: string;
  colourSpace?: ColourSpace;
  dpi?: number;
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
// whose instances have the same API. Required on the first export, not when a process starts: it
// and its stream stack are ~200 modules a worker's cold start would otherwise load first.
const createArchive = (format: 'zip', options: CoreOptions & ZipOptions): Archiver =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('archiver') as (format: 'zip', options: CoreOptions & ZipOptions) => Archiver)(format, options);

const extOf = (key: string) => {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return /^[a-z0-9]{1,5}$/.test(ext) ? ext : 'bin';
};

/** Gives every person a file name per rendition, unique within its folder. */
export function planFiles(people: ArchivePerson[], o: Pick<ArchiveOptions, 'renditions' | 'naming' | 'customFields'>): ManifestEntry[] {
  const names = new UniqueNames();
  return people.map((p, i) => {
    const files: Record<string, string> = {};
    const printFiles: string[] = [];
    for (const r of o.renditions) {
      const stored = p.renditions.get(r);
      if (!stored) continue;
      files[r] = `${r}/${names.take(r, fileBaseName(o.naming, { id: p.employeeId, firstName: p.firstName, lastName: p.lastName, department: p.department }, r, i + 1), extOf(stored.key))}`;
      if (isPrintRendition({ ...stored, format: stored.format ?? extOf(stored.key) })) printFiles.push(files[r]);
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
      printFiles,
    };
  });
}

// Custom field columns are headed by their key, which the employee import reads back.
export function manifestCsv(entries: ManifestEntry[], o: Pick<ArchiveOptions, 'renditions' | 'includeEmail' | 'customFields'>): string {
  const header = ['name', 'first_name', 'last_name', 'title', 'department', ...o.customFields.map((f) => f.key), ...(o.includeEmail ? ['email'] : []), 'approved_at', ...o.renditions.map((r) => `file_${r}`), 'print_files'];
  let out = `\ufeff${csvRow(header)}`;
  for (const e of entries) {
    out += csvRow([e.name, e.firstName, e.lastName, e.title, e.department, ...o.customFields.map((f) => customFieldValue(e.customFields, f.key)), ...(o.includeEmail ? [e.email ?? ''] : []), e.approvedAt, ...o.renditions.map((r) => e.files[r] ?? ''), e.printFiles.join('; ')]);
  }
  return out;
}

const FORMAT_NAMES: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF', tiff: 'TIFF' };

/** What one folder of the ZIP holds, from its files as stored (the first person's; `mixed` when others differ). */
export function describeFolders(people: ArchivePerson[], renditions: string[]): ExportManifestFolder[] {
  return renditions.flatMap((name) => {
    const files = people.map((p) => p.renditions.get(name)).filter((f): f is ArchiveFile => !!f);
    if (!files.length) return [];
    const f = files[0];
    const colourSpace = f.colourSpace ?? 'srgb';
    const format = f.format ?? extOf(f.key).replace(/^jpg$/, 'jpeg');
    const forPrint = isPrintRendition({ ...f, format });
    const what = [`${colourSpace === 'cmyk' ? 'CMYK' : 'sRGB'} ${FORMAT_NAMES[format] ?? format.toUpperCase()}`, `${f.width}×${f.height} px`, ...(f.dpi ? [`${f.dpi} DPI`] : []), ...(colourSpace === 'cmyk' ? ['Coated FOGRA39 profile embedded'] : [])].join(', ');
    const use = colourSpace === 'cmyk' ? 'for professional (offset) printing; not for screens' : forPrint ? 'for print: office printers and photo labs' : 'for websites and screens';
    const mixed = files.some((x) => (x.colourSpace ?? 'srgb') !== colourSpace || (x.format ?? format) !== format || x.dpi !== f.dpi);
    return [{ rendition: name, folder: `${name}/`, format, colourSpace, dpi: f.dpi ?? null, forPrint, mixed, description: `${what}: ${use}${mixed ? ' (some files were made with an earlier style and differ)' : ''}` }];
  });
}

/** The rendition the team page shows: a screen file (never a print TIFF or CMYK), the smallest at least 300 px wide, else the largest. */
export function pageRendition(people: ArchivePerson[], renditions: string[]): string | null {
  const widths = renditions
    .filter((name) => people.every((p) => { const f = p.renditions.get(name); return !f || isScreenRendition({ format: f.format ?? 'jpeg', colourSpace: f.colourSpace }); }))
    .map((name) => ({ name, width: people.find((p) => p.renditions.has(name))?.renditions.get(name)?.width ?? 0 }))
    .filter((r) => r.width > 0)
    .sort((a, b) => a.width - b.width);
  return (widths.find((r) => r.width >= 300) ?? widths[widths.length - 1])?.name ?? null;
}

/** A self-contained, responsive team page: inline CSS, relative image paths, no scripts, no requests elsewhere. */
export function teamPage(entries: ManifestEntry[], o: Pick<ArchiveOptions, 'orgName' | 'generatedAt' | 'logoKey' | 'customFields'>, rendition: string | null, folders: ExportManifestFolder[] = []): string {
  const shown = o.customFields.filter((f) => f.showOnTeamPage);
  const extras = (e: ManifestEntry) => {
    const items = shown.filter((f) => customFieldValue(e.customFields, f.key)).map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(customFieldValue(e.customFields, f.key))}</dd>`);
    return items.length ? `<dl>${items.join('')}</dl>` : '';
  };
  // With only print files in the download (browsers cannot show TIFF or CMYK), the cards go without pictures.
  const cards = entries
    .filter((e) => !rendition || e.files[rendition])
    .map((e) => {
      const img = rendition ? `<img src="${escapeHtml(e.files[rendition].split('/').map(encodeURIComponent).join('/'))}" alt="${escapeHtml(e.name)}" loading="lazy" decoding="async">` : '';
      return `<li class="card">${img}<h2>${escapeHtml(e.name)}</h2>${e.title ? `<p>${escapeHtml(e.title)}</p>` : ''}${extras(e)}</li>`;
    })
    .join('\n');
  const title = `${o.orgName} — our team`;
  const fileList = folders.length
    ? `<section class="files" aria-labelledby="files-h"><h2 id="files-h">Files in this download</h2><ul>${folders
        .map((f) => `<li><strong>${escapeHtml(f.folder)}</strong>${f.forPrint ? ' <span class="print">For print</span>' : ''} ${escapeHtml(f.description)}</li>`)
        .join('')}</ul><p>Every person's files are listed in manifest.csv and manifest.json (print_files / printFiles: the files for print).</p></section>`
    : '';
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
.cards{list-style:none;margin:0 auto;padding:24px;max-width:1200px;display:grid;gap:24px;grid-template-columns:repeat(auto-fill,minmax(180px,1fr))}
.card{background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.card img{display:block;width:100%;height:auto;aspect-ratio:1/1;object-fit:cover;background:#e3e3e8}
.card h2{font-size:16px;margin:12px 12px 4px;overflow-wrap:anywhere}
.card p{font-size:14px;margin:0 12px 14px;color:#555;overflow-wrap:anywhere}
.card dl{font-size:13px;margin:-6px 12px 14px;overflow-wrap:anywhere}
.card dt{color:#6b6b73;font-size:12px}
.card dd{margin:0 0 6px;color:#333}
.files{max-width:1200px;margin:0 auto;padding:0 24px 32px;font-size:14px;color:#333}
.files h2{font-size:18px;margin:0 0 8px}
.files ul{display:block;padding:0 0 0 20px;margin:0 0 8px;max-width:none}
.files li{margin:0 0 6px;overflow-wrap:anywhere}
.print{display:inline-block;font-size:12px;font-weight:600;color:#fff;background:#6a1b9a;border-radius:4px;padding:1px 6px}
@media (max-width:480px){.cards{grid-template-columns:repeat(2,1fr);gap:12px;padding:12px}}
</style>
</head>
<body>
<header>${o.logoKey ? `<img class="logo" src="logo.png" alt="${escapeHtml(o.orgName)}">` : ''}<h1>${escapeHtml(title)}</h1></header>
<ul class="cards">
${cards}
</ul>
${fileList}
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

  const folders = describeFolders(people, o.renditions);
  await append(teamPage(manifest, o, pageRendition(people, o.renditions), folders), 'index.html', false);
  await append(manifestCsv(manifest, o), 'manifest.csv', false);
  if (o.logoKey) await appendStored(o.logoKey, 'logo.png');
  await append(`${JSON.stringify({ organisation: o.orgName, generatedAt: o.generatedAt.toISOString(), renditions: o.renditions, folders, customFields: o.customFields.map(({ key, label }) => ({ key, label })), people: manifest }, null, 2)}\n`, 'manifest.json', false);
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
