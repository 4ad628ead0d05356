// Benchmark (not a test): prints a Markdown table of the pipeline's cost as ratios to a bare sharp
// baseline measured in the same run on the same machine. Usage: node libs/pipeline/bench/bench.mjs
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const { createPipeline, createPipelinePool } = require(path.join(here, '../dist/index.js'));
const sharp = require('sharp');
const { STYLE_PRESETS } = require('@teamframe/shared-types');

const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(here, '../../../../shared/testdata');
const PHOTOS = [
  'portraits/astronaut-collins.jpg', 'portraits/obama-official.jpg', 'portraits/obama-3.jpg', 'portraits/biden-official.jpg',
  'portraits/biden-2.jpg', 'portraits/p03_tf_grace_hopper.jpg', 'portraits/p08_mediapipe_sergey.png', 'portraits/p09_max_luciano.png',
  'portraits/p12_max_paul_rudd.jpg', 'portraits/p14_maxre_smiling_woman.png', 'portraits/p16_maxre_face_paint.png', 'hard/large-16mp.jpg',
];
const style = STYLE_PRESETS['corporate-grey'];
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const now = () => performance.now();

async function baseline(bytes) {
  const t = now();
  await sharp(bytes).rotate().resize(2000, 2000, { fit: 'cover' }).jpeg({ quality: 90 }).toBuffer();
  return now() - t;
}

const t0 = now();
const pipeline = await createPipeline();
const loadMs = now() - t0;

// a 12 MP selfie (4000x3000) made from the 16 MP test photo
const big = await sharp(fs.readFileSync(path.join(TESTDATA, 'hard/large-16mp.jpg'))).resize(3000, 4000, { fit: 'cover' }).jpeg({ quality: 92 }).toBuffer();
await pipeline.process(big, style); // warm-up
const runs = 3;
const pre = [], proc = [], base = [], stages = {};
for (let i = 0; i < runs; i++) {
  base.push(await baseline(big));
  let t = now();
  await pipeline.precheck(big);
  pre.push(now() - t);
  t = now();
  const r = await pipeline.process(big, style);
  proc.push(now() - t);
  for (const [k, v] of Object.entries(r.report.timingsMs)) (stages[k] ??= []).push(v);
}

// throughput over 12 photos, one process
const bytes = PHOTOS.map((f) => fs.readFileSync(path.join(TESTDATA, f)));
let t = now();
for (const b of bytes) await baseline(b);
const base12 = now() - t;
t = now();
for (const b of bytes) await pipeline.process(b, style);
const proc12 = now() - t;

const pool = await createPipelinePool();
await Promise.all(bytes.slice(0, pool.size).map((b) => pool.process(b, style))); // warm-up
t = now();
await Promise.all(bytes.map((b) => pool.process(b, style)));
const pool12 = now() - t;
await pool.close();

const f = (v) => v.toFixed(0);
const lines = [
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, backend ${pipeline.backend}. Style: ${style.name} (${style.renditions.length} renditions).`,
  '',
  '| measure | pipeline | baseline (sharp decode → 2000² → JPEG) | ratio |',
  '|---|---:|---:|---:|',
  `| model load, once per process (ms) | ${f(loadMs)} | – | – |`,
  `| precheck, 12 MP selfie (ms, median of ${runs}) | ${f(median(pre))} | ${f(median(base))} | ${(median(pre) / median(base)).toFixed(2)}× |`,
  `| process, 12 MP selfie, all renditions (ms, median of ${runs}) | ${f(median(proc))} | ${f(median(base))} | ${(median(proc) / median(base)).toFixed(2)}× |`,
  `| 12 photos, one thread (images/s) | ${(12000 / proc12).toFixed(2)} | ${(12000 / base12).toFixed(2)} | ${(proc12 / base12).toFixed(2)}× |`,
  `| 12 photos, pool of ${pool.size} worker threads (images/s) | ${(12000 / pool12).toFixed(2)} | ${(12000 / base12).toFixed(2)} (one thread) | ${(pool12 / base12).toFixed(2)}× |`,
  '',
  '| stage (12 MP selfie) | median ms |',
  '|---|---:|',
  ...Object.entries(stages).map(([k, v]) => `| ${k} | ${median(v).toFixed(1)} |`),
];
console.log(lines.join('\n'));
