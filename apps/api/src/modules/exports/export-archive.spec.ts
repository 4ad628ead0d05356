import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readAsSpreadsheet } from '../../../test/support/spreadsheet';
import { type ArchivePerson, describeFolders, manifestCsv, pageRendition, planFiles, teamPage, writeArchive } from './export-archive';

const dir = mkdtempSync(path.join(tmpdir(), 'tf-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const person = (id: string, firstName: string, lastName: string, title: string, customFields: Record<string, string> = {}): ArchivePerson => {
  const web = path.join(dir, `${id}-web.jpg`);
  const print = path.join(dir, `${id}-print.jpg`);
  writeFileSync(web, Buffer.from(`web-bytes-${id}`));
  writeFileSync(print, Buffer.from(`print-bytes-${id}`));
  return {
    employeeId: `${id}0000000-0000-4000-8000-000000000000`.slice(0, 36),
    firstName,
    lastName,
    title,
    department: 'QA',
    email: `${id}@x.test`,
    approvedAt: new Date('2026-01-02T03:04:05Z'),
    customFields,
    renditions: new Map([
      ['web', { key: web, width: 800, height: 800 }],
      ['print', { key: print, width: 2000, height: 2000 }],
    ]),
  };
};

describe('writeArchive', () => {
  it('writes folders per rendition, stored images, manifests and an escaped team page', async () => {
    const people = [
      person('a', 'Ana', 'Lima', 'CEO', { pronouns: 'she/her', office: 'Lisbon' }),
      person('b', '../../Ünïcödé \u202E', '<script>x</script>', '=HYPERLINK("http://evil")', { pronouns: '<img src=x onerror=alert(1)>', office: '+SUM(A1)' }),
      person('c', 'Ana', 'Lima', 'Twin'),
    ];
    const customFields = [
      { key: 'pronouns', label: 'Pronouns', showOnTeamPage: true },
      { key: 'office', label: 'Office <HQ>', showOnTeamPage: false },
    ];
    const zip = path.join(dir, 'out.zip');
    const progress: number[] = [];
    const result = await writeArchive(createWriteStream(zip), people, { orgName: 'A & B', customFields, renditions: ['web', 'print'], naming: '{first}-{last}-{rendition}', includeEmail: false, generatedAt: new Date() }, async (k) => createReadStream(k), (d) => {
      progress.push(d);
    });
    expect(result.entries).toBe(3 + 6);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    const listing = execFileSync('unzip', ['-Z', '-v', zip]).toString();
    const names = execFileSync('unzip', ['-Z1', zip]).toString().trim().split('\n');
    expect(names.slice(0, 3)).toEqual(['index.html', 'manifest.csv', 'manifest.json']);
    for (const n of names.slice(3)) expect(n).toMatch(/^(web|print)\/[A-Za-z0-9._-]+\.jpg$/);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    // Images stored, text deflated.
    const methods = [...listing.matchAll(/compression method:\s+(\w+)/g)].map((m) => m[1]);
    expect(methods.filter((m) => m === 'none').length).toBe(6);
    const json = JSON.parse(execFileSync('unzip', ['-p', zip, 'manifest.json']).toString());
    expect(json.people).toHaveLength(3);
    expect(json.people[0].email).toBeUndefined();
    expect(json.customFields).toEqual([
      { key: 'pronouns', label: 'Pronouns' },
      { key: 'office', label: 'Office <HQ>' },
    ]);
    expect(json.people.map((p: { customFields: unknown }) => p.customFields)).toEqual([
      { pronouns: 'she/her', office: 'Lisbon' },
      { pronouns: '<img src=x onerror=alert(1)>', office: '+SUM(A1)' },
      { pronouns: '', office: '' },
    ]);
    const csv = execFileSync('unzip', ['-p', zip, 'manifest.csv']).toString();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const rows = readAsSpreadsheet(csv, ',');
    expect(rows[0]).toEqual(['name', 'first_name', 'last_name', 'title', 'department', 'pronouns', 'office', 'approved_at', 'file_web', 'file_print', 'print_files']);
    expect(rows.flat().join('|')).toContain('|she/her|Lisbon|');
    expect(rows.flat()).toContain("'+SUM(A1)");
    const html = execFileSync('unzip', ['-p', zip, 'index.html']).toString();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    // Only fields marked for the team page, escaped; people without a value get no empty line.
    expect(html).toContain('<dl><dt>Pronouns</dt><dd>she/her</dd></dl>');
    expect(html).toContain('<dd>&lt;img src=x onerror=alert(1)&gt;</dd>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('Lisbon');
    expect(html.match(/<dl>/g)).toHaveLength(2);
    expect(html).toContain('A &amp; B');
    for (const src of [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1])) expect(names).toContain(src);
    expect(readFileSync(zip).length).toBeGreaterThan(100);
  });

  const options = { orgName: 'X', customFields: [], renditions: ['web', 'print'], naming: '{first}-{last}-{rendition}', includeEmail: false, generatedAt: new Date() };

  // Issue 18 item 6: a deleted rendition crashed the worker with an unhandled 'error' of its read stream.
  it('rejects, naming the entry, when a source file cannot be opened', async () => {
    const people = [person('d', 'Di', 'Ro', 'Dev'), person('e', 'Ed', 'Yu', 'Dev')];
    rmSync(people[1].renditions.get('print')!.key);
    const out = createWriteStream(path.join(dir, 'missing.zip'));
    const opened: string[] = [];
    const run = writeArchive(out, people, options, async (k, name) => {
      opened.push(name);
      return createReadStream(k);
    }, () => undefined);
    await expect(run).rejects.toMatchObject({ code: 'ENOENT' });
    expect(opened.at(-1)).toMatch(/^print\/ed-yu-print/);
  });

  it('rejects when a source fails half-way, instead of waiting for it for ever', async () => {
    const people = [person('f', 'Fa', 'Lo', 'Dev')];
    const failing = () =>
      new Readable({
        read() {
          this.push(Buffer.alloc(1024));
          this.destroy(new Error('EIO: the disk failed'));
        },
      });
    await expect(writeArchive(createWriteStream(path.join(dir, 'eio.zip')), people, options, async () => failing(), () => undefined)).rejects.toThrow(/EIO/);
  });

  it('rejects when the output fails (a full disk)', async () => {
    const people = [person('g', 'Ga', 'Mo', 'Dev')];
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('ENOSPC: no space left on device'));
      },
    });
    await expect(writeArchive(out, people, options, async (k) => createReadStream(k), () => undefined)).rejects.toThrow(/ENOSPC/);
  });
});

describe('print files', () => {
  const printPerson = (id: string, first: string, last: string): ArchivePerson => {
    const p = person(id, first, last, 'Dev');
    p.renditions = new Map([
      ['web', { key: p.renditions.get('web')!.key, width: 800, height: 800, format: 'webp', colourSpace: 'srgb', dpi: 72 }],
      ['press', { key: p.renditions.get('print')!.key.replace(/\.jpg$/, '.tif'), width: 2000, height: 2000, format: 'tiff', colourSpace: 'cmyk', dpi: 300 }],
      ['office', { key: p.renditions.get('print')!.key, width: 2000, height: 2000, format: 'jpeg', colourSpace: 'srgb', dpi: 300 }],
    ]);
    writeFileSync(p.renditions.get('press')!.key, Buffer.from('tiff-bytes'));
    return p;
  };
  const o = { orgName: 'Org', customFields: [], renditions: ['press', 'web', 'office'], naming: '{first}-{last}-{rendition}', includeEmail: false, generatedAt: new Date('2026-01-02T00:00:00Z') };

  it('say which files are for print, in both manifests and on the team page, and keep print files off the page', async () => {
    const zip = path.join(dir, 'print.zip');
    await writeArchive(createWriteStream(zip), [printPerson('p', 'Pia', 'Ko'), printPerson('q', 'Quin', 'Ar')], o, async (k) => createReadStream(k), () => undefined);
    const json = JSON.parse(execFileSync('unzip', ['-p', zip, 'manifest.json']).toString());
    expect(json.folders.map((f: { folder: string; colourSpace: string; format: string; dpi: number; forPrint: boolean }) => [f.folder, f.format, f.colourSpace, f.dpi, f.forPrint])).toEqual([
      ['press/', 'tiff', 'cmyk', 300, true],
      ['web/', 'webp', 'srgb', 72, false],
      ['office/', 'jpeg', 'srgb', 300, true],
    ]);
    expect(json.folders[0].description).toBe('CMYK TIFF, 2000×2000 px, 300 DPI, Coated FOGRA39 profile embedded: for professional (offset) printing; not for screens');
    expect(json.people[0].printFiles).toEqual(['press/pia-ko-press.tif', 'office/pia-ko-office.jpg']);
    const rows = readAsSpreadsheet(execFileSync('unzip', ['-p', zip, 'manifest.csv']).toString(), ',');
    expect(rows[0].at(-1)).toBe('print_files');
    expect(rows[1].at(-1)).toBe('press/pia-ko-press.tif; office/pia-ko-office.jpg');
    const html = execFileSync('unzip', ['-p', zip, 'index.html']).toString();
    expect([...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1].split('/')[0])).toEqual(['web', 'web']);
    expect(html).toContain('<strong>press/</strong> <span class="print">For print</span> CMYK TIFF');
    expect(html).toMatch(/<strong>web\/<\/strong> sRGB WebP, 800×800 px, 72 DPI: for websites and screens/);
  });

  it('shows the team without pictures when the download holds print files only', () => {
    const people = [printPerson('r', 'Ro', 'Ma')];
    const only = { ...o, renditions: ['press'] };
    const page = teamPage(planFiles(people, only), only, pageRendition(people, only.renditions), describeFolders(people, only.renditions));
    expect(pageRendition(people, only.renditions)).toBeNull();
    expect(page).not.toContain('<img src="press');
    expect(page).toContain('<h2>Ro Ma</h2>');
  });
});

describe('custom fields keyed like inherited properties', () => {
  // Stored before such keys were refused: the values come from JSON, so they are plain objects.
  const fields = [
    { key: 'constructor', label: 'Builder', showOnTeamPage: true },
    { key: 'tostring', label: 'Text', showOnTeamPage: true },
  ];
  const people = [person('d', 'Dee', 'Noval', 'QA', JSON.parse('{}')), person('e', 'Eve', 'Set', 'QA', JSON.parse('{"constructor":"Bob"}'))];
  const o = { orgName: 'Org', customFields: fields, renditions: ['web'], naming: '{first}-{last}', includeEmail: false, generatedAt: new Date() };

  it('reads only the values people have, never a function from Object.prototype', () => {
    const plan = planFiles(people, o);
    expect(plan.map((e) => e.customFields)).toEqual([{ constructor: '', tostring: '' }, { constructor: 'Bob', tostring: '' }]);
    const page = teamPage(plan, o, 'web');
    const csv = manifestCsv(plan, o);
    for (const out of [page, csv, JSON.stringify(plan)]) expect(out).not.toMatch(/native code|function/);
    expect(page).toContain('<dt>Builder</dt><dd>Bob</dd>');
  });
});

describe('a rendition file gone from storage', () => {
  it('fails the export with the cause, and leaves no unhandled stream error behind', async () => {
    const gone = person('g', 'Gone', 'File', 'QA');
    gone.renditions.set('web', { key: path.join(dir, 'no-such-file.jpg'), width: 800, height: 800 });
    const zip = path.join(dir, 'gone.zip');
    const o = { orgName: 'Org', customFields: [], renditions: ['web'], naming: '{first}', includeEmail: false, generatedAt: new Date() };
    const out = createWriteStream(zip);
    await expect(writeArchive(out, [gone], o, (k) => createReadStream(k), () => undefined)).rejects.toThrow(/ENOENT/);
    // What the export processor does next: throw the partial file away.
    out.destroy();
    await new Promise((r) => setTimeout(r, 100));
  });
});

