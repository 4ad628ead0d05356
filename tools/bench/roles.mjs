// Memory per process role and the worker's cold start, on the built API as real processes:
// - api idle: resident set after start-up, before any photo;
// - api under 20 concurrent uploads: peak resident set (VmHWM) while 20 employees upload at once, with one
//   worker running (an `api` process has its uploads checked by the workers, issue 16), and how the answers went;
// - worker: cold start (process spawn → first headshot in review) and its resident set after it.
import { readdirSync, readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { Client, freePort, photo, scratchDatabase, startProcess } from './harness.mjs';

const CONCURRENT = Number(process.env.BENCH_UPLOADS ?? 20);
const IDLE_SECONDS = 5;
const SECRET = 'bench-secret-bench-secret-bench-secret-00';
const PHOTOS = ['portraits/obama-official.jpg', 'portraits/biden-official.jpg', 'portraits/astronaut-collins.jpg', 'portraits/p09_max_luciano.png', 'portraits/p03_tf_grace_hopper.jpg'];

/** CPU time (user + system, ms) a process has used so far, from /proc: on a busy machine it says what wall time cannot. */
function cpuMs(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * (1000 / 100);
}

/** Resident set now and its peak so far (MB), from /proc. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** `main`: the API build to run (default apps/api/dist/main.js), so a before/after pair can run interleaved. */
/** The process's threads by name (from /proc): pixel worker threads show up as extra `node` threads beside libuv's and V8's. */
function threads(pid) {
  const names = {};
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    const n = readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim();
    names[n] = (names[n] ?? 0) + 1;
  }
  return names;
}

export async function rolesBench({ main } = {}) {
  const db = await scratchDatabase();
  const port = await freePort();
  const env = { DATABASE_URL: db.url, QUEUE_PREFIX: `bench_${db.name}`, STORAGE_DIR: `/tmp/${db.name}`, TEAMFRAME_SECRET: SECRET, TEAMFRAME_ADMIN_EMAIL: 'hr@bench.test', TEAMFRAME_ADMIN_PASSWORD: 'bench passphrase long', RATE_LIMIT_PER_MINUTE: '1000000', MAIL_OUTBOX_DIR: `/tmp/${db.name}-outbox`, UPLOAD_CONCURRENCY: String(CONCURRENT + 4) };
  const api = await startProcess({ ...env, PORT: String(port), TEAMFRAME_ROLE: 'api', PIPELINE_IDLE_SECONDS: String(IDLE_SECONDS) }, undefined, main);
  let worker;
  let checker;
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idle = memory(api.proc.pid);
    const c = new Client(`http://127.0.0.1:${port}`);
    await c.signIn('hr@bench.test', 'bench passphrase long');
    await c.req('PUT', '/api/org/settings', { processingMode: 'batch' });
    const rows = ['email,first name,last name'];
    for (let i = 0; i < CONCURRENT + 2; i++) rows.push(`r${i}@bench.test,R${i},Bench`);
    await c.req('POST', '/api/employees/import?dryRun=false', rows.join('\n'), { 'content-type': 'text/csv' });
    const employees = (await c.req('GET', '/api/employees?pageSize=200')).json.items;
    await c.req('POST', '/api/invites', { employeeIds: employees.map((e) => e.id) });
    const invites = await db.query(`SELECT id FROM invite WHERE state = 'active'`);
    const people = [];
    for (const inv of invites) {
      const token = createHmac('sha256', SECRET).update(`invite:${inv.id}`).digest('base64url');
      const e = new Client(c.base);
      await e.req('GET', `/api/invite/${token}`);
      await e.req('POST', `/api/invite/${token}/consent`);
      people.push({ e, token });
    }
    // the worker that checks the uploads; stopped before the cold-start measurement below
    checker = await startProcess({ ...env, TEAMFRAME_ROLE: 'worker' }, /Teamframe worker started/, main);
    const upload = ({ e, token }, i) => {
      const form = new FormData();
      form.append('photo', new Blob([photo(PHOTOS[i % PHOTOS.length])]), 'me.jpg');
      return e.req('POST', `/api/invite/${token}/photo`, form);
    };
    // two employees alone first: one warms the pixel threads (and models) up, then the answer one
    // employee gets in steady state (~2 s wanted)
    const warmUp = await upload(people.pop(), 0);
    const alone = performance.now();
    const single = await upload(people.pop(), 0);
    const aloneMs = performance.now() - alone;
    const before = memory(api.proc.pid);
    const cpuBefore = { api: cpuMs(api.proc.pid), checker: cpuMs(checker.proc.pid) };
    const t = performance.now();
    const answers = await Promise.all(people.map((p, i) => upload(p, i).then((r) => ({ status: r.status, ms: performance.now() - t }))));
    const loaded = memory(api.proc.pid);
    // CPU time the 20 uploads cost each process: what wall time on a shared machine cannot say
    const uploadsCpuMs = { api: cpuMs(api.proc.pid) - cpuBefore.api, checkingWorker: cpuMs(checker.proc.pid) - cpuBefore.checker };
    const accepted = answers.filter((a) => a.status === 201).length;
    const keptForLater = answers.filter((a) => a.status === 202).length;
    const refused = answers.filter((a) => a.status === 422).length;
    const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
    await checker.stop();
    checker = undefined;
    // the pixel thread closes after IDLE_SECONDS without a photo
    await new Promise((r) => setTimeout(r, (IDLE_SECONDS + 3) * 1000));
    const released = memory(api.proc.pid);
    // the worker starts cold with the batch already queued: spawn → first headshot in review
    const batch = (await c.req('POST', '/api/batches', {})).json;
    const spawned = Date.now();
    worker = await startProcess({ ...env, TEAMFRAME_ROLE: 'worker' }, /Teamframe worker started/, main);
    const bootMs = Date.now() - spawned;
    let first = null;
    while (!first && Date.now() - spawned < 120_000) {
      const done = await db.query(`SELECT count(*)::int AS n FROM headshot WHERE batch_id = $1 AND state = 'in_review'`, [batch.id]);
      if (done[0].n > 0) first = Date.now() - spawned;
      else await new Promise((r) => setTimeout(r, 100));
    }
    const workerCpu = cpuMs(worker.proc.pid);
    const workerMem = memory(worker.proc.pid);
    return {
      concurrent: CONCURRENT,
      warmUpStatus: warmUp.status,
      aloneStatus: single.status,
      aloneAnswerMs: aloneMs,
      accepted,
      keptForLater,
      refused,
      medianAnswerMs: sorted[Math.floor(sorted.length / 2)],
      slowestAnswerMs: sorted[sorted.length - 1],
      uploadsCpuMs,
      apiThreads: threads(api.proc.pid),
      apiIdle: idle.rss,
      apiBeforeUploads: before.rss,
      apiUnderUploadsPeak: loaded.peak,
      apiAfterUploads: loaded.rss,
      apiAfterIdle: released.rss,
      idleSeconds: IDLE_SECONDS,
      workerBootMs: bootMs,
      workerColdStartMs: first,
      workerColdStartCpuMs: workerCpu,
      workerRss: workerMem.rss,
      workerPeak: workerMem.peak,
    };
  } finally {
    await checker?.stop();
    await worker?.stop();
    await api.stop();
    await db.drop();
  }
}
