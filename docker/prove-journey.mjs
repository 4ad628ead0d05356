#!/usr/bin/env node
// The journey docker/prove.sh runs against the compose stack: HR signs in, adds and invites people,
// each uploads a selfie through their invite link, HR starts a batch that three workers share; mid-batch
// one worker is killed with SIGKILL and another stopped with SIGTERM (it must drain); every headshot
// ends in review exactly once, HR approves them and an export ZIP downloads. Prints one line per step.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const { BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, PROJECT, PORTRAITS } = process.env;
// Six portraits the default framing accepts (obama-3 and biden-2 are rightly refused since the framing stopped inventing body).
const PHOTOS = ['obama-official.jpg', 'biden-official.jpg', 'astronaut-collins.jpg', 'p16_maxre_face_paint.png', 'p03_tf_grace_hopper.jpg', 'p09_max_luciano.png'];
const podman = (...args) => execFileSync('podman', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const psql = (query) => podman('exec', `${PROJECT}_postgres_1`, 'psql', '-U', 'teamframe', '-tA', '-c', query).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const step = (msg) => console.log(`[journey] ${msg}`);
/** Memory and CPU of the app containers right now (the sizing in docs/operations.md comes from these). */
const stats = () =>
  podman('stats', '--no-stream', '--format', '{{.Name}} {{.MemUsage}} {{.CPUPerc}}')
    .split('\n')
    .filter((l) => /_(api|worker)_/.test(l))
    .join('; ');

class Client {
  cookies = new Map();
  async request(method, p, body, raw) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.has('XSRF-TOKEN') && method !== 'GET') headers['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN');
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(BASE_URL + p, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
  async json(method, p, body, want = [200, 201]) {
    const res = await this.request(method, p, body);
    const text = await res.text();
    if (!want.includes(res.status)) throw new Error(`${method} ${p} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }
}

async function upload(token, file) {
  const c = new Client();
  await c.json('GET', `/api/invite/${token}`);
  await c.json('POST', `/api/invite/${token}/consent`);
  const form = new FormData();
  form.append('photo', new Blob([readFileSync(path.join(PORTRAITS, file))]), file);
  const res = await fetch(`${BASE_URL}/api/invite/${token}/photo`, {
    method: 'POST',
    body: form,
    headers: { 'x-xsrf-token': c.cookies.get('XSRF-TOKEN'), cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  // The api hands the check to a worker: 202 when none answered within its wait (the photo is kept).
  if (res.status === 202) return waitForCheck(c, token, file);
  if (res.status !== 201) throw new Error(`upload of ${file} answered ${res.status}: ${await res.text()}`);
}

/** A kept selfie: its link's page says `checking` until a worker has checked it; it must end accepted. */
async function waitForCheck(c, token, file) {
  for (let i = 0; i < 240; i++) {
    const page = await c.json('GET', `/api/invite/${token}`);
    if (!page.checking) {
      if (page.lastRefusal) throw new Error(`${file} was refused after its check: ${JSON.stringify(page.lastRefusal)}`);
      return;
    }
    await sleep(500);
  }
  throw new Error(`${file} was still waiting for its check after 2 minutes`);
}

/** The invite link's token, from the mail catcher's log (the stand-in prints every message). */
async function tokenFor(email) {
  for (let i = 0; i < 120; i++) {
    const log = podman('logs', `${PROJECT}_mailpit_1`);
    const at = log.lastIndexOf(`To: ${email}`);
    const m = at >= 0 ? log.slice(at).match(/\/u\/([A-Za-z0-9_-]{43})/) : null;
    if (m) return m[1];
    await sleep(500);
  }
  throw new Error(`no invite mail for ${email}`);
}

async function main() {
  const hr = new Client();
  await hr.request('GET', '/api/auth/session'); // sets the CSRF cookie (401: nobody signed in yet)
  await hr.json('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  await hr.json('PUT', '/api/org/settings', { processingMode: 'batch' });
  const stamp = Date.now().toString(36);
  for (let i = 0; i < PHOTOS.length; i++) {
    const email = `p${i}-${stamp}@prove.test`;
    const e = await hr.json('POST', '/api/employees', { email, firstName: `Person${i}`, lastName: 'Prove', department: 'Ops' });
    await hr.json('POST', '/api/invites', { employeeIds: [e.id] });
    await upload(await tokenFor(email), PHOTOS[i]);
  }
  step(`${PHOTOS.length} people invited by mail, selfies uploaded through their links`);

  const batch = await hr.json('POST', '/api/batches', {});
  step(`batch of ${batch.total} started`);
  let progress = batch;
  const busyBy = Date.now() + 180_000;
  while ((progress.counts.processing ?? 0) < 3 && !progress.done) {
    if (Date.now() > busyBy) throw new Error(`three workers never ran at once: ${JSON.stringify(progress.counts)}`);
    await sleep(200);
    progress = await hr.json('GET', `/api/batches/${batch.id}`);
  }
  step(`3 headshots processing at once (one per worker): ${JSON.stringify(progress.counts)}`);
  step(`resources while rendering: ${stats()}`);

  podman('kill', '-s', 'KILL', `${PROJECT}_worker_2`);
  step('kill -9 of worker 2 while it renders');
  const stopStarted = Date.now();
  podman('stop', '-t', '90', `${PROJECT}_worker_3`);
  const stopSeconds = ((Date.now() - stopStarted) / 1000).toFixed(1);
  const exitCode = podman('inspect', '-f', '{{.State.ExitCode}}', `${PROJECT}_worker_3`).trim();
  const drained = podman('logs', `${PROJECT}_worker_3`).split('\n').filter((l) => /"msg":"(draining|drained)/.test(l));
  if (exitCode !== '0' || !drained.some((l) => l.includes('"msg":"drained"'))) throw new Error(`worker 3 did not drain (exit ${exitCode}):\n${drained.join('\n')}`);
  step(`SIGTERM to worker 3: drained and exited 0 after ${stopSeconds} s — ${drained.map((l) => JSON.parse(l)).map((l) => `${l.msg} activeJobs=${l.activeJobs ?? '-'} drained=${l.drained ?? '-'} ms=${l.ms ?? '-'}`).join('; ')}`);

  const doneBy = Date.now() + 300_000;
  while (!progress.done) {
    if (Date.now() > doneBy) throw new Error(`batch not done: ${JSON.stringify(progress)}`);
    await sleep(1000);
    progress = await hr.json('GET', `/api/batches/${batch.id}`);
  }
  if (progress.counts.in_review !== PHOTOS.length || progress.failures.length) throw new Error(`batch ended badly: ${JSON.stringify(progress)}`);
  const perUpload = psql(`SELECT string_agg(n::text, ',') FROM (SELECT count(*) AS n FROM headshot WHERE state = 'in_review' GROUP BY upload_id) t`);
  const processed = psql(`SELECT string_agg(n::text, ',') FROM (SELECT count(*) AS n FROM audit_event WHERE action = 'headshot.processed' GROUP BY subject_id) t`);
  if (perUpload !== PHOTOS.map(() => 1).join(',') || processed !== perUpload) throw new Error(`not exactly once: headshots ${perUpload}, processed ${processed}`);
  step(`batch done: ${PHOTOS.length} in review, one headshot and one "processed" event per upload (headshots ${perUpload}; events ${processed}); nothing lost`);

  const review = await hr.json('GET', '/api/review?state=in_review&pageSize=100');
  const approved = await hr.json('POST', '/api/review/approve', { headshotIds: review.items.map((i) => i.headshotId) });
  step(`approved ${approved.approved}`);

  let exp = await hr.json('POST', '/api/exports', { scope: 'all', renditions: ['web', 'linkedin'], includeEmail: false });
  const expBy = Date.now() + 300_000;
  while (exp.state !== 'done') {
    if (exp.state === 'failed' || Date.now() > expBy) throw new Error(`export did not finish: ${JSON.stringify(exp)}`);
    await sleep(500);
    exp = await hr.json('GET', `/api/exports/${exp.id}`);
  }
  const zip = await hr.request('GET', exp.downloadUrl);
  const bytes = Buffer.from(await zip.arrayBuffer());
  if (zip.status !== 200 || bytes.length !== exp.size || bytes.readUInt32LE(0) !== 0x04034b50) throw new Error(`download failed: ${zip.status}, ${bytes.length} bytes`);
  step(`export downloaded: ${bytes.length} bytes, a ZIP`);
  step(`resources after the export: ${stats()}`);
}

main().catch((e) => {
  console.error(`[journey] FAILED: ${e.message}`);
  process.exit(1);
});
