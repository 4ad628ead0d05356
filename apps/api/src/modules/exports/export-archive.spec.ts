import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readAsSpreadsheet } from '../../../test/support/spreadsheet';
import { type ArchivePerson, manifestCsv, planFiles, teamPage, writeArchive } from './export-archive';

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
    expect(rows[0]).toEqual(['name', 'first_name', 'last_name', 'title', 'department', 'pronouns', 'office', 'approved_at', 'file_web', 'file_print']);
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

