// End to end through API + queue + workers: N employees upload a selfie (checked on arrival by the
// workers, as in production: an `api` process does no pixel work), then HR starts a batch; measured
// with 1 and with 2 worker processes on the same machine. Each worker runs BENCH_WORKER_THREADS pixel
// threads (default 1), so that on a 2-core machine the second process has a core of its own and the
// figure shows how work spreads over processes, which is how a fleet grows.
import { Client, freePort, percentile, photo, scratchDatabase, startProcess } from './harness.mjs';

const N = Number(process.env.BENCH_BATCH_N ?? 24);
export const WORKER_THREADS = Number(process.env.BENCH_WORKER_THREADS ?? 1);
// Photos the checks accept (the others are refused at upload, e.g. BODY_CUT_OFF, and would never reach a batch).
const PHOTOS = ['portraits/obama-official.jpg', 'portraits/biden-official.jpg', 'portraits/astronaut-collins.jpg', 'portraits/p16_maxre_face_paint.png', 'portraits/p15_maxre_woman_backlit.png', 'portraits/p09_max_luciano.png', 'portraits/p03_tf_grace_hopper.jpg'];

/** Every employee of the org, through the list's pages (200 at most per page). */
async function allEmployees(c) {
  const out = [];
  for (let page = 1; ; page++) {
    const { items } = (await c.req('GET', `/api/employees?pageSize=200&page=${page}`)).json;
    out.push(...items);
    if (items.length < 200) return out;
  }
}

/** Resolves when every selfie answered 202 (kept for a later check) has been checked by a worker. */
async function checksSettled(db) {
  for (;;) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM upload_check`);
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function round(workers, label) {
  const db = await scratchDatabase();
  const port = await freePort();
  const env = { DATABASE_URL: db.url, QUEUE_PREFIX: `bench_${db.name}`, STORAGE_DIR: `/tmp/${db.name}`, TEAMFRAME_SECRET: 'bench-secret-bench-secret-bench-secret-00', TEAMFRAME_ADMIN_EMAIL: 'hr@bench.test', TEAMFRAME_ADMIN_PASSWORD: 'bench passphrase long', RATE_LIMIT_PER_MINUTE: '1000000', MAIL_OUTBOX_DIR: `/tmp/${db.name}-outbox` };
  const api = await startProcess({ ...env, PORT: String(port), TEAMFRAME_ROLE: 'api' });
  const procs = [];
  try {
    const c = new Client(`http://127.0.0.1:${port}`);
    await c.signIn('hr@bench.test', 'bench passphrase long');
    await c.req('PUT', '/api/org/settings', { processingMode: 'batch' });
    const rows = ['email,first name,last name'];
    for (let i = 0; i < N; i++) rows.push(`e${i}@bench.test,E${i},Bench`);
    await c.req('POST', '/api/employees/import?dryRun=false', rows.join('\n'), { 'content-type': 'text/csv' });
    for (let w = 0; w < workers; w++) procs.push(await startProcess({ ...env, TEAMFRAME_ROLE: 'worker', PIPELINE_THREADS: String(WORKER_THREADS) }, /Teamframe worker started/));
    // The links: invite tokens are derived from the secret, as the mail worker does.
    const { createHmac } = await import('node:crypto');
    const uploadMs = [];
    let keptForLater = 0;
    const employees = await allEmployees(c);
    if (employees.length !== N) throw new Error(`expected ${N} employees, the list has ${employees.length}`);
    await c.req('POST', '/api/invites', { employeeIds: employees.map((e) => e.id) });
    const invites = await db.query(`SELECT id FROM invite WHERE state = 'active'`);
    for (let i = 0; i < invites.length; i++) {
      const token = createHmac('sha256', env.TEAMFRAME_SECRET).update(`invite:${invites[i].id}`).digest('base64url');
      const e = new Client(c.base);
      await e.req('GET', `/api/invite/${token}`);
      const consent = await e.req('POST', `/api/invite/${token}/consent`);
      if (consent.status !== 200) throw new Error(`consent refused: ${JSON.stringify(consent.json)}`);
      const form = new FormData();
      form.append('photo', new Blob([photo(PHOTOS[i % PHOTOS.length])]), 'me.jpg');
      const t = performance.now();
      const r = await e.req('POST', `/api/invite/${token}/photo`, form);
      uploadMs.push(performance.now() - t);
      if (r.status === 202) keptForLater++;
      else if (r.status !== 201) throw new Error(`upload refused: ${JSON.stringify(r.json)}`);
    }
    await checksSettled(db);
    // Every worker has its models loaded by now (it checked selfies), as a long-running fleet would.
    const started = Date.now();
    const batch = (await c.req('POST', '/api/batches', {})).json;
    let p = batch;
    while (!p.done) {
      await new Promise((r) => setTimeout(r, 250));
      p = (await c.req('GET', `/api/batches/${batch.id}`)).json;
    }
    const totalS = (Date.now() - started) / 1000;
    const done = await db.query(`SELECT extract(epoch FROM updated_at) * 1000 AS at FROM headshot WHERE batch_id = $1 AND state = 'in_review'`, [batch.id]);
    const latencies = done.map((d) => Number(d.at) - started);
    return { label, workers, threads: WORKER_THREADS, keptForLater, n: N, inReview: p.counts.in_review ?? 0, failed: p.counts.failed ?? 0, totalS, perMinute: (N / totalS) * 60, p50: percentile(latencies, 50) / 1000, p95: percentile(latencies, 95) / 1000, uploadP50: percentile(uploadMs, 50), uploadP95: percentile(uploadMs, 95) };
  } finally {
    for (const w of procs) await w.stop();
    await api.stop();
    await db.drop();
  }
}

export async function batchBench() {
  const one = await round(1, '1 worker');
  const two = await round(2, '2 workers');
  return { one, two, scaling: two.perMinute / one.perMinute };
}
