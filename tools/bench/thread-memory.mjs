// What one pipeline thread costs in resident memory: a pool with 1 and with 2 threads renders the same
// number of headshots per thread; the second thread's cost is the difference (what the pool shares, the
// salient network and libvips, counted once). Each build given is measured under each malloc setting,
// interleaved, in fresh processes.
//
//   node tools/bench/thread-memory.mjs [dist/index.js ...]   (default: libs/pipeline/dist/index.js)
//   BENCH_HEADSHOTS_PER_THREAD=4
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/**
 * glibc's malloc as Node runs it by default, and as the image runs it (docker/Dockerfile): a fixed mmap
 * threshold returns each freed pixel buffer to the system; by default the threshold grows with the
 * buffers freed, up to 32 MB, and each thread's freed canvases then stay resident.
 */
export const MALLOC_SETTINGS = { default: {}, image: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' } };

export function threadMemoryBench({ dists = [path.join(ROOT, 'libs/pipeline/dist/index.js')], perThread = 4 } = {}) {
  const rows = [];
  for (const dist of dists) {
    for (const [malloc, env] of Object.entries(MALLOC_SETTINGS)) {
      const run = (threads) => JSON.parse(execFileSync(process.execPath, [path.join(import.meta.dirname, 'thread-memory-child.mjs'), dist, String(threads), String(perThread)], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' }).trim().split('\n').pop());
      const one = run(1);
      const two = run(2);
      rows.push({ dist, malloc, perThread, one, two, perThreadMb: two.rss - one.rss, perThreadPeakMb: two.peak - one.peak });
    }
  }
  return rows;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const dists = process.argv.slice(2).map((d) => path.resolve(d));
  for (const r of threadMemoryBench({ dists: dists.length ? dists : undefined, perThread: Number(process.env.BENCH_HEADSHOTS_PER_THREAD ?? 4) })) {
    const f = (v) => v.toFixed(0);
    console.log(`${path.relative(ROOT, r.dist)} malloc=${r.malloc}: 1 thread ${f(r.one.rss)} MB (peak ${f(r.one.peak)}), 2 threads ${f(r.two.rss)} MB (peak ${f(r.two.peak)}); second thread +${f(r.perThreadMb)} MB (peak +${f(r.perThreadPeakMb)}); CPU ${f(r.one.cpuMs)} / ${f(r.two.cpuMs)} ms; ${r.perThread} headshots per thread`);
  }
}
