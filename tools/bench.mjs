#!/usr/bin/env node
// `npm run bench`: every benchmark, one Markdown table (reports/bench.md), each figure beside the
// baseline measured in the same run and its target. Figures only: nothing here passes or fails.
// `npm run bench -- --skip-batch` leaves out the end-to-end batch (the long part: with
// BENCH_BATCH_N=500 it is most of the run).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiBench } from './bench/api-load.mjs';
import { batchBench } from './bench/batch.mjs';
import { rolesBench } from './bench/roles.mjs';
import { threadMemoryBench } from './bench/thread-memory.mjs';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
execFileSync('bash', ['tools/ensure-services.sh'], { cwd: root, stdio: 'inherit', env });
execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=shared-types,pipeline,api', '--output-style=static'], { cwd: root, stdio: 'inherit', env });

const out = ['# Teamframe benchmarks', '', `Machine: ${process.arch}, ${(await import('node:os')).cpus().length} cores, Node ${process.version}; ${new Date().toISOString()}`, ''];

console.log('\n=== pipeline');
const pipelineTable = execFileSync(process.execPath, ['libs/pipeline/bench/bench.mjs'], { cwd: root, env, encoding: 'utf8' });
out.push('## Pipeline: before and after the speed work', '', pipelineTable.trim(), '');

console.log('\n=== memory per role, worker cold start');
const m = await rolesBench();
const mb = (v) => `${v.toFixed(0)} MB`;
out.push('## Memory per role (resident set) and worker cold start', '', '| measure | value | target |', '|---|---:|---|');
out.push(`| api process, idle (no photo yet) | ${mb(m.apiIdle)} | ≤ 250 MB |`);
out.push(`| api process, peak under ${m.concurrent} concurrent uploads checked by one worker (${m.accepted} accepted, ${m.keptForLater} kept for a later check; answers: median ${(m.medianAnswerMs / 1000).toFixed(1)} s, slowest ${(m.slowestAnswerMs / 1000).toFixed(1)} s) | ${mb(m.apiUnderUploadsPeak)} | ≤ 250 MB |`);
out.push(`| one upload alone, warm worker: the employee's answer | ${(m.aloneAnswerMs / 1000).toFixed(1)} s | ≤ 2 s |`);
out.push(`| CPU time of those ${m.concurrent} uploads: api process / checking worker | ${(m.uploadsCpuMs.api / 1000).toFixed(1)} s / ${(m.uploadsCpuMs.checkingWorker / 1000).toFixed(1)} s | – |`);
out.push(`| api process, right after those uploads | ${mb(m.apiAfterUploads)} | – |`);
out.push(`| api process, ${m.idleSeconds + 3} s later (it holds no pixel threads: the workers check its uploads) | ${mb(m.apiAfterIdle)} | – |`);
out.push(`| worker process after its first headshot (2 pixel threads) | ${mb(m.workerRss)} (peak ${mb(m.workerPeak)}) | each thread ≤ 200 MB |`);
out.push(`| worker cold start: spawn → first headshot in review (its app was up after ${(m.workerBootMs / 1000).toFixed(1)} s) | ${m.workerColdStartMs === null ? 'none within 120 s' : `${(m.workerColdStartMs / 1000).toFixed(1)} s`} | ≤ 3 s |`);
out.push(`| worker cold start, CPU time the process used until then (all its threads; load-independent) | ${(m.workerColdStartCpuMs / 1000).toFixed(1)} s | – |`);
// one pipeline thread: a pool with 2 threads minus one with 1, the same headshots per thread
for (const t of threadMemoryBench()) {
  out.push(`| one pipeline thread (2-thread pool − 1-thread pool, ${t.perThread} headshots per thread; malloc ${t.malloc === 'image' ? 'as the image sets it' : "Node's default"}) | ${mb(t.perThreadMb)} (pools: ${mb(t.one.rss)} / ${mb(t.two.rss)}) | ≤ 200 MB |`);
}
out.push('');

console.log('\n=== API load');
const a = await apiBench();
out.push('## API (loopback, autocannon, 200 requests/s)', '', '| request | p50 ms | p99 ms | req/s | errors | p99 vs baseline | target |', '|---|---|---|---|---|---|---|');
for (const r of a.rows) out.push(`| ${r.name} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${r.errors} | ${(r.p99 / Math.max(1, a.rows[0].p99)).toFixed(2)}× | p99 ≤ 50 ms |`);
out.push('', `CSV import of 5,000 employees: ${(a.importMs / 1000).toFixed(2)} s (target: seconds).`, '');
out.push(`Starting a campaign for 5,000 people (members, invites, 5,000 mail jobs queued): ${(a.campaignMs / 1000).toFixed(2)} s.`, '');

if (process.argv.includes('--skip-batch')) {
  out.push('## Batch, end to end (API + queue + workers)', '', 'Not run (--skip-batch).', '');
} else {
  console.log('\n=== batch');
  await batchSection();
}

/** The end-to-end batch with 1 and 2 worker processes: its table and the 500-selfie line. */
async function batchSection() {
  const b = await batchBench();
  out.push('## Batch, end to end (API + queue + workers)', '', `One \`api\` process; the workers (${b.one.threads} pixel thread${b.one.threads === 1 ? '' : 's'} each) check the uploads on arrival and then render the batch.`, '', '| workers | selfies | kept for a later check (202) | in review | failed | total s | headshots/min | latency p50 s | latency p95 s | upload answer p50 ms | upload answer p95 ms |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of [b.one, b.two]) out.push(`| ${r.workers} | ${r.n} | ${r.keptForLater} | ${r.inReview} | ${r.failed} | ${r.totalS.toFixed(1)} | ${r.perMinute.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.uploadP50.toFixed(0)} | ${r.uploadP95.toFixed(0)} |`);
  out.push('', `Scaling 1 → 2 workers: ${b.scaling.toFixed(2)}× (baseline: 1 worker). Upload check target: answer within 2 s.`, '');
  // 500 selfies take their uploads one by one through the upload check before the batch starts (long on
  // a shared machine): run them with BENCH_BATCH_N=500 npm run bench; a projection is not a measurement.
  out.push(b.one.n >= 500 ? `500-selfie batch: ${b.one.totalS.toFixed(0)} s with 1 worker, ${b.two.totalS.toFixed(0)} s with 2 (target ≤ 180 s).` : `500-selfie batch: not run (this run: ${b.one.n} selfies; BENCH_BATCH_N=500 npm run bench runs it). Target ≤ 180 s with 2 workers.`, '');
}

mkdirSync(path.join(root, 'reports'), { recursive: true });
writeFileSync(path.join(root, 'reports/bench.md'), `${out.join('\n')}\n`);
console.log(`\n${out.join('\n')}\nwritten to reports/bench.md`);
