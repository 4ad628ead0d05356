#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { findStylePreset, parseStyle, STYLE_PRESET_IDS, type Style } from '@teamframe/shared-types';
import { createPipeline, type QualityReport } from './pipeline';
import { fileNameFor } from './naming';
import { PipelineError } from './errors';

const USAGE = `usage: teamframe-pipeline --style <file.json|preset> --out <dir> [--background-image <file>] [--contact-sheet <file.png>] [--edge-sheet <file.png>] <photos or folders...>
presets: ${STYLE_PRESET_IDS.join(', ')}`;

const IMAGE_EXT = /\.(jpe?g|png|webp|heic|heif|avif|tiff?|gif)$/i;

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  isTTY?: boolean;
}

interface Args {
  style: string;
  out: string;
  inputs: string[];
  backgroundImage?: string;
  contactSheet?: string;
  edgeSheet?: string;
}

function parseArgs(argv: string[]): Args | string {
  const a: Partial<Args> & { inputs: string[] } = { inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => {
      const n = argv[++i];
      if (n === undefined || n.startsWith('--')) throw new Error(`${v} needs a value`);
      return n;
    };
    try {
      if (v === '--style' || v === '-s') a.style = next();
      else if (v === '--out' || v === '-o') a.out = next();
      else if (v === '--background-image') a.backgroundImage = next();
      else if (v === '--contact-sheet') a.contactSheet = next();
      else if (v === '--edge-sheet') a.edgeSheet = next();
      else if (v === '--help' || v === '-h') return 'help';
      else if (v.startsWith('-')) return `unknown option ${v}`;
      else a.inputs.push(v);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!a.style) return 'missing --style <file.json|preset>';
  if (!a.out) return 'missing --out <dir>';
  if (!a.inputs.length) return 'no input photos or folders given';
  return a as Args;
}

function loadStyle(ref: string): Style | string {
  const preset = findStylePreset(ref);
  if (preset) return preset;
  if (!fs.existsSync(ref)) return `style "${ref}" is neither a preset (${STYLE_PRESET_IDS.join(', ')}) nor a file`;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(ref, 'utf8'));
  } catch (e) {
    return `style file ${ref} is not valid JSON: ${(e as Error).message}`;
  }
  const r = parseStyle(json);
  return r.success ? r.style : `style file ${ref} is invalid: ${r.message}`;
}

function collectInputs(inputs: string[]): string[] | string {
  const files: string[] = [];
  for (const p of inputs) {
    if (!fs.existsSync(p)) return `input not found: ${p}`;
    if (fs.statSync(p).isDirectory()) {
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
          const f = path.join(d, e.name);
          if (e.isDirectory()) walk(f);
          else if (IMAGE_EXT.test(e.name)) files.push(f);
        }
      };
      walk(p);
    } else files.push(p);
  }
  return files.length ? files : 'no photos found in the inputs';
}

/** Runs the CLI; returns the exit code (0 ok, 1 internal error on some photo, 2 bad arguments). */
export async function runCli(argv: string[], io: CliIO = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n'), isTTY: process.stderr.isTTY }): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    io.err(`teamframe-pipeline: ${args}`);
    io.err(USAGE);
    return 2;
  }
  const style = loadStyle(args.style);
  if (typeof style === 'string') {
    io.err(`teamframe-pipeline: ${style}`);
    return 2;
  }
  const files = collectInputs(args.inputs);
  if (typeof files === 'string') {
    io.err(`teamframe-pipeline: ${files}`);
    return 2;
  }
  let backgroundImage: Buffer | undefined;
  if (args.backgroundImage) backgroundImage = fs.readFileSync(args.backgroundImage);
  if (style.background.type === 'image' && !backgroundImage) {
    io.err('teamframe-pipeline: this style has an image background; pass --background-image <file>');
    return 2;
  }
  fs.mkdirSync(args.out, { recursive: true });
  const pipeline = await createPipeline();
  const rows: string[][] = [];
  const sheet: { before: Buffer; after?: Buffer; label: string }[] = [];
  const edges: Buffer[][] = [];
  let internal = 0;
  for (const [i, file] of files.entries()) {
    if (io.isTTY) process.stderr.write(`\r[${i + 1}/${files.length}] ${path.basename(file)}`.padEnd(60));
    const base = path.basename(file).replace(/\.[^.]+$/, '');
    const [first, ...rest] = base.split(/[-_ ]+/);
    try {
      const bytes = fs.readFileSync(file);
      const res = await pipeline.process(bytes, style, { backgroundImage });
      for (const r of res.renditions) {
        fs.writeFileSync(path.join(args.out, fileNameFor(style.naming, { first, last: rest.join('-'), index: i + 1, id: base }, r.name, r.fileExtension)), r.bytes);
      }
      const report = { file, ok: res.ok, checks: res.checks, renditions: res.renditions.map(({ bytes: b, ...r }) => ({ ...r, size: b.length })), report: res.report };
      fs.writeFileSync(path.join(args.out, `${base}.report.json`), JSON.stringify(report, null, 2));
      rows.push([path.basename(file), res.ok ? 'ok' : res.checks.map((c) => c.code).join(', '), res.ok ? res.report.qualityScore.toFixed(2) : '', res.ok ? '' : res.checks[0].sentence, String(Math.round(res.report.timingsMs.total ?? 0))]);
      if (args.contactSheet) {
        const before = await sharp(bytes, { limitInputPixels: 50_000_000 }).rotate().resize(240, 240, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer().catch(() => undefined);
        const largest = [...res.renditions].filter((r) => !r.transparent).sort((a, b) => b.width - a.width)[0];
        const after = largest ? await sharp(largest.bytes).resize(240, 240, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer() : undefined;
        if (before) sheet.push({ before, after, label: base });
      }
      const print = [...res.renditions].filter((r) => !r.transparent && !r.profile).sort((a, b) => b.width - a.width)[0];
      if (args.edgeSheet && print) edges.push(await edgeCrops(print.bytes, res.report));
    } catch (e) {
      internal++;
      const msg = e instanceof PipelineError ? `${e.code}: ${e.message}` : (e as Error).message;
      rows.push([path.basename(file), 'ERROR', '', msg, '']);
    }
  }
  if (io.isTTY) process.stderr.write('\n');
  io.out('| file | result | quality | sentence | ms |');
  io.out('|---|---|---|---|---|');
  for (const r of rows) io.out(`| ${r.join(' | ')} |`);
  if (args.contactSheet && sheet.length) {
    const T = 240;
    const cols = 4;
    const rowsN = Math.ceil(sheet.length / cols);
    const composites: sharp.OverlayOptions[] = [];
    sheet.forEach((s, i) => {
      const x = (i % cols) * T * 2;
      const y = Math.floor(i / cols) * T;
      composites.push({ input: s.before, left: x, top: y });
      if (s.after) composites.push({ input: s.after, left: x + T, top: y });
    });
    await sharp({ create: { width: cols * T * 2, height: rowsN * T, channels: 3, background: '#ffffff' } }).composite(composites).png().toFile(args.contactSheet);
    io.out(`contact sheet: ${args.contactSheet}`);
  }
  if (args.edgeSheet && edges.length) {
    const composites = edges.flatMap((row, y) => row.map((input, x) => ({ input, left: x * EDGE_TILE, top: y * EDGE_TILE })));
    await sharp({ create: { width: EDGE_TILE * 6, height: edges.length * EDGE_TILE, channels: 3, background: '#ffffff' } }).composite(composites).png().toFile(args.edgeSheet);
    io.out(`edge sheet: ${args.edgeSheet}`);
  }
  return internal ? 1 : 0;
}

const EDGE_TILE = 200;

/**
 * One edge-sheet row: the output, then zooms where halos and fringes show first — the top of the hair,
 * the side of the hair, the jaw and both shoulders. Each spot is found by walking from the face (where the
 * report puts it) outward until the pixels match the background at that row's left edge.
 */
async function edgeCrops(bytes: Buffer, report: QualityReport): Promise<Buffer[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const px = (x: number, y: number) => (Math.round(y) * width + Math.round(x)) * 3;
  const isBackground = (x: number, y: number) => {
    const i = px(x, y), r = px(2, y);
    return Math.abs(data[i] - data[r]) + Math.abs(data[i + 1] - data[r + 1]) + Math.abs(data[i + 2] - data[r + 2]) < 30;
  };
  const walk = (x: number, y: number, dx: number, dy: number) => {
    while (x > 1 && y > 1 && x < width - 2 && y < height - 2 && !isBackground(x, y)) { x += dx; y += dy; }
    return { x, y };
  };
  const fh = (report.faceHeightRatio ?? 0.36) * height;
  const cx = (report.faceCentreX ?? 0.5) * width;
  const ey = (report.eyeLine ?? 0.42) * height;
  const shoulderY = Math.min(height - 3, ey + fh * 1.3);
  const spots = [walk(cx, ey, 0, -1), walk(cx, ey - fh * 0.3, -1, 0), walk(cx, ey + fh * 0.5, 1, 0), walk(cx, shoulderY, -1, 0), walk(cx, shoulderY, 1, 0)];
  const side = Math.max(16, Math.round(height / 14));
  const tiles = [await sharp(bytes).resize(EDGE_TILE, EDGE_TILE, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer()];
  for (const p of spots) {
    const left = Math.max(0, Math.min(width - side, Math.round(p.x - side / 2)));
    const top = Math.max(0, Math.min(height - side, Math.round(p.y - side / 2)));
    tiles.push(await sharp(data, { raw: { width, height, channels: 3 } }).extract({ left, top, width: side, height: side }).resize(EDGE_TILE - 4, EDGE_TILE - 4, { kernel: 'nearest' }).extend({ top: 2, bottom: 2, left: 2, right: 2, background: '#ffffff' }).png().toBuffer());
  }
  return tiles;
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`teamframe-pipeline: ${e instanceof PipelineError ? e.code + ': ' : ''}${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
