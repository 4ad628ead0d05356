import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { runCli } from '../src/cli';
import { TESTDATA } from './testdata';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), isTTY: false } };
}

describe('teamframe-pipeline CLI', () => {
  it('exits 2 with a clear line on bad arguments', async () => {
    for (const [argv, msg] of [
      [[], /missing --style/],
      [['--style', 'corporate-grey'], /missing --out/],
      [['--style', 'corporate-grey', '--out', '/tmp/x'], /no input/],
      [['--style', 'nope', '--out', '/tmp/x', 'a.jpg'], /neither a preset/],
      [['--bogus'], /unknown option --bogus/],
      [['--style', 'corporate-grey', '--out', '/tmp/x', '/does/not/exist.jpg'], /input not found/],
    ] as const) {
      const c = io();
      expect(await runCli([...argv], c.io)).toBe(2);
      expect(c.err[0]).toMatch(msg);
    }
  });

  it('names the field of an invalid style file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-cli-'));
    const styleFile = path.join(dir, 'style.json');
    fs.writeFileSync(styleFile, JSON.stringify({ canvas: { aspect: '2:1' } }));
    const c = io();
    expect(await runCli(['--style', styleFile, '--out', dir, path.join(TESTDATA, 'portraits/astronaut-collins.jpg')], c.io)).toBe(2);
    expect(c.err[0]).toContain('canvas.aspect');
  });

  it('writes renditions, a report.json per photo and a contact sheet', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-cli-'));
    const c = io();
    const code = await runCli(['--style', 'Corporate grey', '--out', dir, '--contact-sheet', path.join(dir, 'sheet.png'), path.join(TESTDATA, 'portraits/astronaut-collins.jpg'), path.join(TESTDATA, 'nonface/coffee.jpg')], c.io);
    expect(code).toBe(0);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(expect.arrayContaining(['astronaut-collins-web.webp', 'astronaut-collins-linkedin.jpg', 'astronaut-collins-print.jpg', 'astronaut-collins.report.json', 'coffee.report.json', 'sheet.png']));
    const rep = JSON.parse(fs.readFileSync(path.join(dir, 'coffee.report.json'), 'utf8'));
    expect(rep.ok).toBe(false);
    expect(rep.checks[0].code).toBe('NO_FACE');
    expect(c.out.join('\n')).toMatch(/coffee\.jpg \| NO_FACE/);
    expect((await sharp(path.join(dir, 'astronaut-collins-linkedin.jpg')).metadata()).width).toBe(400);
  });
});
