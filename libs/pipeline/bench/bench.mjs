// Benchmark (not a test): the engine before the speed work (BEFORE_COMMIT, built from git in this run)
// and now, stage by stage, beside a bare sharp baseline (decode → 2000² → JPEG), all measured in one run
// on the same machine. The two engines run in child processes and take turns with the baseline, so a
// busy machine slows all three alike. Prints a Markdown table. Usage: node libs/pipeline/bench/bench.mjs
// (BENCH_BEFORE_DIST=…/dist/index.js reuses an earlier build; BENCH_ROUNDS=n, default 3).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { BEFORE_COMMIT, buildBefore } from '../../../tools/bench/before.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../../..');
const sharp = require('sharp');
const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(root, '../shared/testdata');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STYLE = process.env.BENCH_STYLE ?? 'corporate-grey';
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const cpuNow = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };

async function baseline(bytes) {
  const t = performance.now(), c = cpuNow();
  await sharp(bytes).rotate().resize(2000, 2000, { fit: 'cover' }).jpeg({ quality: 90 }).toBuffer();
  return { wallMs: performance.now() - t, cpuMs: cpuNow() - c };
}

/** A child process running one engine build; `ask` sends a command and resolves with its answer. */
function startRunner(entry) {
  const proc = spawn(process.execPath, [path.join(here, 'runner.mjs'), entry, String(Date.now())], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: proc.stdout });
  const waiting = [];
  lines.on('line', (l) => waiting.shift()?.(JSON.parse(l)));
  const next = () => new Promise((r) => waiting.push(r));
  return {
    ready: next(),
    ask(cmd) {
      const p = next();
      proc.stdin.write(`${JSON.stringify(cmd)}\n`);
      return p;
    },
    close: () => new Promise((r) => { proc.once('exit', r); proc.stdin.write('{"op":"exit"}\n'); }),
  };
}

const beforeEntry = process.env.BENCH_BEFORE_DIST ?? buildBefore(root).entry;
const afterEntry = path.join(root, 'libs/pipeline/dist/index.js');
// a 12 MP selfie (3000×4000) made from the 16 MP test photo
const big = await sharp(fs.readFileSync(path.join(TESTDATA, 'hard/large-16mp.jpg'))).resize(3000, 4000, { fit: 'cover' }).jpeg({ quality: 92 }).toBuffer();

// one engine at a time while it loads, so the cold starts do not slow each other
const engines = {};
for (const [name, entry] of [['before', beforeEntry], ['after', afterEntry]]) {
  engines[name] = startRunner(entry);
  engines[name].cold = await engines[name].ready;
  await engines[name].ask({ op: 'photo', base64: big.toString('base64') });
}
for (const e of Object.values(engines)) await e.ask({ op: 'process', style: STYLE }); // warm-up

const runs = { before: { process: [], precheck: [] }, after: { process: [], precheck: [] } };
const base = [];
for (let i = 0; i < ROUNDS; i++) {
  base.push(await baseline(big));
  for (const name of i % 2 ? ['after', 'before'] : ['before', 'after']) {
    runs[name].precheck.push(await engines[name].ask({ op: 'precheck', style: STYLE }));
    runs[name].process.push(await engines[name].ask({ op: 'process', style: STYLE }));
  }
  base.push(await baseline(big));
}
for (const e of Object.values(engines)) await e.close();

const b = median(base.map((x) => x.wallMs)), bCpu = median(base.map((x) => x.cpuMs));
const stageNames = [...new Set([...runs.before.process, ...runs.after.process].flatMap((r) => Object.keys(r.timings)))].filter((k) => k !== 'total');
const stage = (name, k) => median(runs[name].process.map((r) => r.timings[k] ?? 0));
const f0 = (v) => v.toFixed(0);
const row = (label, before, after, note = '', vsBaseline = `${(after / b).toFixed(2)}×`) => `| ${label} | ${f0(before)} | ${f0(after)} | ${(after / Math.max(before, 1e-9)).toFixed(2)} | ${vsBaseline} | ${note} |`;
const pWall = (n) => median(runs[n].process.map((r) => r.wallMs)), pCpu = (n) => median(runs[n].process.map((r) => r.cpuMs));
const preWall = (n) => median(runs[n].precheck.map((r) => r.wallMs));
const matteShare = stage('after', 'matte') / Math.max(1, stage('after', 'total'));
const own = new Set(['colour', 'retouch', 'background', 'renditions']);
const lines = [
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}. Style: ${STYLE}. Before: ${BEFORE_COMMIT}; after: this checkout. 12 MP JPEG selfie; medians of ${ROUNDS} interleaved rounds (wall ms unless marked CPU).`,
  '',
  '| measure | before | after | after / before | after ÷ baseline | |',
  '|---|---:|---:|---:|---:|---|',
  `| baseline: sharp decode → 2000² → JPEG | ${f0(b)} | ${f0(b)} | – | 1.00× | CPU ${f0(bCpu)} ms |`,
  row('precheck (upload check)', preWall('before'), preWall('after'), 'target ≤ 2×: not met. Nearly all of it is decoding and three networks on the JS thread: the face detector with its mesh on the 1024 px copy, the mesh again on a 384² crop around the face (the landmarks the checks and the framing use), the selfie model on the framing square; the pixel loops of the checks (scene light, detail, face stats, person extent) add ≈ 25–35 ms. Cutting further means dropping one of those passes, which moves the landmarks the checks decide on'),
  ...stageNames.map((k) => row(`stage: ${k}`, stage('before', k), stage('after', k), k === 'matte' ? `**${(matteShare * 100).toFixed(0)} % of the after total**: two U²-Netp runs (canvas and head square, ≈ 380–440 ms CPU each) are most of it. ONNX Runtime runs them on the JS thread, one after the other (they cannot overlap), so a lone pipeline like this one gives each run min(4, cores) intra-op threads: ≈ half the wall time on two idle cores, nothing gained on a loaded machine, the same mask bits, CPU +≈ 10 %. One run for both, or a 256² input, measured worse edges (see docs/headshot-engine.md). The rest (selfie model twice, guided filter at 640², its 4 MP pass) is ≈ 300–350 ms CPU; the flood fill and the clearing outside the photo are cheaper here (byte-identical)` : own.has(k) ? 'sped up in this work' : '')),
  row('**process, all stages + renditions**', pWall('before'), pWall('after'), 'target ≤ 5×'),
  row('process, CPU ms (all threads)', pCpu('before'), pCpu('after'), 'against the baseline\'s CPU ms: less sensitive to a busy machine than wall time', `${(pCpu('after') / bCpu).toFixed(2)}×`),
  row('engine cold start: process start → models loaded', engines.before.cold.readyMs, engines.after.cold.readyMs, 'once per thread', '–'),
  row('RSS of the engine process after the runs (MB)', median(runs.before.process.map((r) => r.rssMb)), median(runs.after.process.map((r) => r.rssMb)), 'one pipeline (= one pixel thread) + Node', '–'),
];
console.log(lines.join('\n'));
