// A worker process's cold start, on the built API as real processes: spawn → first headshot in review,
// with the batch already queued (what a fleet scaling up meets), and the resident set once it has
// rendered a few. Each round starts a fresh worker per build given, interleaved, so a before/after pair
// meets the same machine load. The selfies are uploaded (and checked by a worker) once, up front; each
// cold start gets a batch of its own.
//
//   node tools/bench/cold-start.mjs [main.js ...]   (default: apps/api/dist/main.js)
//   BENCH_ROUNDS=3 BENCH_HEADSHOTS=2 PIPELINE_THREADS=2
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { Client, freePort, photo, scratchDatabase, startProcess } from './harness.mjs';

const SECRET = 'bench-secret-bench-secret-bench-secret-00';
const PHOTOS = ['portraits/obama-official.jpg', 'portraits/biden-official.jpg', 'portraits/astronaut-collins.jpg', 'portraits/p03_tf_grace_hopper.jpg'];

/** CPU time (user + system, ms) a process has used so far, all its threads, from /proc. */
export function cpuMs(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * (1000 / 100);
}

/** Resident set now and its peak so far (MB), from /proc. */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * Starts a worker (`main`, env) with `batchId` already queued; resolves with spawn → "worker started",
 * spawn → first headshot in review (and the CPU the process used until then), then waits for `count`
 * headshots and reads the resident set.
 */
export async function coldStart(db, env, batchId, count, main, nodeArgs) {
  const spawned = Date.now();
  const worker = await startProcess({ ...env, TEAMFRAME_ROLE: 'worker' }, /Teamframe worker started/, main, nodeArgs);
  const bootMs = Date.now() - spawned;
  const inReview = async () => (await db.query(`SELECT count(*)::int AS n FROM headshot WHERE batch_id = $1 AND state IN ('in_review', 'failed')`, [batchId]))[0].n;
  try {
    let firstMs = null;
    let firstCpuMs = null;
    while (Date.now() - spawned < 120_000) {
      const n = await inReview();
      if (n > 0 && firstMs === null) [firstMs, firstCpuMs] = [Date.now() - spawned, cpuMs(worker.proc.pid)];
      if (n >= count) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const failed = (await db.query(`SELECT count(*)::int AS n FROM headshot WHERE batch_id = $1 AND state = 'failed'`, [batchId]))[0].n;
    return { bootMs, firstMs, firstCpuMs, failed, ...memory(worker.proc.pid) };
  } finally {
    await worker.stop();
  }
}

/** An org with `n` employees whose selfies were uploaded, checked and wait for a batch; returns their ids. */
export async function orgWithWaitingSelfies(n, main) {
  const db = await scratchDatabase();
  const port = await freePort();
  const env = { DATABASE_URL: db.url, QUEUE_PREFIX: `bench_${db.name}`, STORAGE_DIR: `/tmp/${db.name}`, TEAMFRAME_SECRET: SECRET, TEAMFRAME_ADMIN_EMAIL: 'hr@bench.test', TEAMFRAME_ADMIN_PASSWORD: 'bench passphrase long', RATE_LIMIT_PER_MINUTE: '1000000', MAIL_OUTBOX_DIR: `/tmp/${db.name}-outbox` };
  const api = await startProcess({ ...env, PORT: String(port), TEAMFRAME_ROLE: 'api' }, undefined, main);
  const checker = await startProcess({ ...env, TEAMFRAME_ROLE: 'worker' }, /Teamframe worker started/, main);
  try {
    const c = new Client(`http://127.0.0.1:${port}`);
    await c.signIn('hr@bench.test', 'bench passphrase long');
    await c.req('PUT', '/api/org/settings', { processingMode: 'batch' });
    const rows = ['email,first name,last name'];
    for (let i = 0; i < n; i++) rows.push(`c${i}@bench.test,C${i},Bench`);
    await c.req('POST', '/api/employees/import?dryRun=false', rows.join('\n'), { 'content-type': 'text/csv' });
    const employees = (await c.req('GET', '/api/employees?pageSize=200')).json.items;
    await c.req('POST', '/api/invites', { employeeIds: employees.map((e) => e.id) });
    const invites = await db.query(`SELECT id, employee_id FROM invite WHERE state = 'active' ORDER BY employee_id`);
    for (const [i, inv] of invites.entries()) {
      const token = createHmac('sha256', SECRET).update(`invite:${inv.id}`).digest('base64url');
      const e = new Client(c.base);
      await e.req('GET', `/api/invite/${token}`);
      await e.req('POST', `/api/invite/${token}/consent`);
      const form = new FormData();
      form.append('photo', new Blob([photo(PHOTOS[i % PHOTOS.length])]), 'me.jpg');
      const r = await e.req('POST', `/api/invite/${token}/photo`, form);
      if (r.status !== 201) throw new Error(`upload ${PHOTOS[i % PHOTOS.length]} answered ${r.status}: ${JSON.stringify(r.json)}`);
    }
    return { db, env, api, c, employeeIds: invites.map((i) => i.employee_id) };
  } catch (e) {
    await api.stop();
    await db.drop();
    throw e;
  } finally {
    await checker.stop();
  }
}

/** Cold starts of each build in `mains`, `rounds` times interleaved, `headshots` each. */
export async function coldStartBench({ mains = ['apps/api/dist/main.js'], rounds = 3, headshots = 2, threads } = {}) {
  const org = await orgWithWaitingSelfies(mains.length * rounds * headshots, mains[mains.length - 1]);
  const env = { ...org.env, ...(threads ? { PIPELINE_THREADS: String(threads) } : {}) };
  const results = Object.fromEntries(mains.map((m) => [m, []]));
  try {
    let next = 0;
    for (let r = 0; r < rounds; r++) {
      for (const main of mains) {
        const employeeIds = org.employeeIds.slice(next, (next += headshots));
        const batch = (await org.c.req('POST', '/api/batches', { employeeIds })).json;
        results[main].push(await coldStart(org.db, env, batch.id, headshots, main));
      }
    }
    return results;
  } finally {
    await org.api.stop();
    await org.db.drop();
  }
}

if (import.meta.main ?? process.argv[1] === new URL(import.meta.url).pathname) {
  const mains = process.argv.slice(2);
  const results = await coldStartBench({ mains: mains.length ? mains : undefined, rounds: Number(process.env.BENCH_ROUNDS ?? 3), headshots: Number(process.env.BENCH_HEADSHOTS ?? 2), threads: process.env.PIPELINE_THREADS });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [main, runs] of Object.entries(results)) {
    for (const x of runs) console.log(main, JSON.stringify({ ...x, rss: Math.round(x.rss), peak: Math.round(x.peak) }));
    console.log(`${main}: median boot ${median(runs.map((x) => x.bootMs))} ms, first headshot ${median(runs.map((x) => x.firstMs ?? Infinity))} ms (CPU ${median(runs.map((x) => x.firstCpuMs ?? Infinity))} ms), rss ${median(runs.map((x) => x.rss)).toFixed(0)} MB, peak ${median(runs.map((x) => x.peak)).toFixed(0)} MB`);
  }
}
