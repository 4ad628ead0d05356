// One side of thread-memory.mjs: a pipeline pool of argv[3] threads from the build at argv[2]
// (a dist/index.js) renders argv[4] headshots per thread, all threads busy at once; prints its
// resident set (now and peak, MB) and the CPU it used, one JSON line.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TESTDATA } from './harness.mjs';

const require = createRequire(import.meta.url);
const [dist, threads, perThread] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const { createPipelinePool } = require(dist);
const { STYLE_PRESETS } = require('@teamframe/shared-types');
const photos = ['obama-official.jpg', 'biden-official.jpg', 'astronaut-collins.jpg', 'p03_tf_grace_hopper.jpg'].map((f) => readFileSync(path.join(TESTDATA, 'portraits', f)));
const memory = () => {
  const s = readFileSync('/proc/self/status', 'utf8');
  const mb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)[1]) / 1024;
  return { rss: mb('VmRSS'), peak: mb('VmHWM') };
};
const pool = await createPipelinePool({ size: threads, warm: true });
await pool.full;
const loaded = memory();
for (let i = 0; i < perThread; i++) {
  await Promise.all(Array.from({ length: threads }, (_, j) => pool.process(photos[(i * threads + j) % photos.length], STYLE_PRESETS['corporate-grey'])));
}
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ threads, loadedRss: loaded.rss, ...memory(), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
await pool.close();
