#!/usr/bin/env node
// How far a change moved the pixels: renders every style preset on every shared portrait with one build
// of the engine, then compares two such renders rendition by rendition (decoded), per channel: the
// largest and the mean absolute difference (0..255), and the share of pixels that moved by more than 8.
//
//   node libs/pipeline/bench/pixel-diff.mjs render <dist-dir> <out-dir>
//   node libs/pipeline/bench/pixel-diff.mjs compare <out-dir-before> <out-dir-after>
//
// PIXEL_DIFF_PRESETS=a,b renders only those presets. Where same-renditions.mjs proves "byte-identical",
// this measures "how different" for changes that are meant to move pixels a little.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const sharp = require('sharp');
const { STYLE_PRESETS, STYLE_PRESET_IDS } = require('@teamframe/shared-types');
const PORTRAITS = process.env.TEAMFRAME_PORTRAITS ?? path.resolve(root, '../shared/testdata/portraits');
const PRESETS = process.env.PIXEL_DIFF_PRESETS?.split(',') ?? STYLE_PRESET_IDS;
const [mode, a, b] = process.argv.slice(2);

async function render(dist, out) {
  const { createPipeline } = require(path.resolve(dist, 'index.js'));
  const pipeline = await createPipeline();
  const photos = fs.readdirSync(PORTRAITS).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
  for (const preset of PRESETS) {
    fs.mkdirSync(path.join(out, preset), { recursive: true });
    for (const photo of photos) {
      const r = await pipeline.process(fs.readFileSync(path.join(PORTRAITS, photo)), STYLE_PRESETS[preset]);
      for (const rend of r.renditions) fs.writeFileSync(path.join(out, preset, `${path.parse(photo).name}.${rend.name}.${rend.fileExtension}`), rend.bytes);
      if (!r.ok) console.log(`${preset} ${photo}: ${r.checks.map((c) => c.code).join(',')}`);
    }
  }
}

async function decoded(file) {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  return { data, info };
}

async function compare(before, after) {
  const rows = [];
  const total = { max: [0, 0, 0, 0], sum: [0, 0, 0, 0], n: 0, moved: 0 };
  for (const preset of fs.readdirSync(before).sort()) {
    for (const f of fs.readdirSync(path.join(before, preset)).sort()) {
      const fa = path.join(before, preset, f), fb = path.join(after, preset, f);
      if (!fs.existsSync(fb)) { rows.push(`${preset}/${f}: missing after`); continue; }
      const [x, y] = [await decoded(fa), await decoded(fb)];
      if (x.info.width !== y.info.width || x.info.height !== y.info.height || x.info.channels !== y.info.channels) { rows.push(`${preset}/${f}: size ${x.info.width}×${x.info.height}×${x.info.channels} → ${y.info.width}×${y.info.height}×${y.info.channels}`); continue; }
      const c = x.info.channels, n = x.info.width * x.info.height;
      const max = new Array(c).fill(0), sum = new Array(c).fill(0);
      let moved = 0;
      for (let i = 0; i < n; i++) {
        let m = 0;
        for (let k = 0; k < c; k++) {
          const d = Math.abs(x.data[i * c + k] - y.data[i * c + k]);
          if (d > max[k]) max[k] = d;
          sum[k] += d;
          if (d > m) m = d;
        }
        if (m > 8) moved++;
      }
      for (let k = 0; k < c; k++) { total.max[k] = Math.max(total.max[k], max[k]); total.sum[k] += sum[k]; }
      total.n += n; total.moved += moved;
      rows.push(`${preset}/${f}: max ${max.join('/')} mean ${sum.map((s) => (s / n).toFixed(3)).join('/')} moved>8 ${((moved / n) * 100).toFixed(3)} %`);
    }
  }
  console.log(rows.join('\n'));
  console.log(`ALL: max ${total.max.join('/')} mean ${total.sum.map((s) => (s / total.n).toFixed(3)).join('/')} moved>8 ${((total.moved / total.n) * 100).toFixed(3)} %`);
}

if (mode === 'render' && a && b) await render(a, b);
else if (mode === 'compare' && a && b) await compare(a, b);
else {
  console.error('usage: pixel-diff.mjs render <dist-dir> <out-dir> | compare <before-dir> <after-dir>');
  process.exit(2);
}
