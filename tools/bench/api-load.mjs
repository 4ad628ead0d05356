// API under load: the employee list of a 5,000-person org, paged, at a fixed 200 requests/s from a
// second process on loopback (autocannon), beside /api/health at the same rate as the baseline.
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { Client, freePort, scratchDatabase, startProcess } from './harness.mjs';

const RATE = 200;
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);

function load(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 20, overallRate: RATE, duration: SECONDS, headers }, (err, r) => (err ? reject(err) : resolve(r)));
  });
}

export async function apiBench() {
  const db = await scratchDatabase();
  const port = await freePort();
  const api = await startProcess({ DATABASE_URL: db.url, PORT: String(port), TEAMFRAME_ROLE: 'api', QUEUE_PREFIX: `bench_${db.name}`, TEAMFRAME_ADMIN_EMAIL: 'hr@bench.test', TEAMFRAME_ADMIN_PASSWORD: 'bench passphrase long', RATE_LIMIT_PER_MINUTE: '1000000', STORAGE_DIR: `/tmp/${db.name}` });
  try {
    const c = new Client(`http://127.0.0.1:${port}`);
    await c.signIn('hr@bench.test', 'bench passphrase long');
    const rows = ['email,first name,last name,title,department'];
    for (let i = 0; i < 5000; i++) rows.push(`p${i}@bench.test,First${i},Last${String(i).padStart(4, '0')},Title ${i % 40},Dept ${i % 12}`);
    const t = performance.now();
    const imp = await c.req('POST', '/api/employees/import?dryRun=false', rows.join('\n'), { 'content-type': 'text/csv' });
    const importMs = performance.now() - t;
    if (imp.json.created !== 5000) throw new Error(`import failed: ${JSON.stringify(imp.json)}`);
    // A campaign for everyone: 5,000 members invited in one request (the mails wait in Redis: no worker here).
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const t2 = performance.now();
    console.log('starting a campaign for 5,000 people');
    const started = await c.req('POST', '/api/campaigns', JSON.stringify({ name: 'Everyone', dueOn: due, audience: { kind: 'everyone' } }), { 'content-type': 'application/json' });
    const campaignMs = performance.now() - t2;
    if (started.json?.campaign?.counts?.invited !== 5000) throw new Error(`campaign failed: ${JSON.stringify(started.json).slice(0, 300)}`);
    const headers = { cookie: c.cookieHeader() };
    const base = await load(`http://127.0.0.1:${port}/api/health`, headers);
    const list = await load(`http://127.0.0.1:${port}/api/employees?page=57&pageSize=25&sort=lastName&department=Dept%203`, headers);
    const dashboard = await load(`http://127.0.0.1:${port}/api/campaigns/${started.json.campaign.id}`, headers);
    const members = await load(`http://127.0.0.1:${port}/api/campaigns/${started.json.campaign.id}/members?page=40&pageSize=50&state=invited`, headers);
    const row = (name, r) => ({ name, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.non2xx + r.errors });
    return {
      importMs,
      campaignMs,
      rows: [
        row('GET /api/health (baseline)', base),
        row('GET /api/employees (5,000 people, page 57, filtered)', list),
        row('GET /api/campaigns/:id (5,000 members, live counts)', dashboard),
        row('GET /api/campaigns/:id/members (5,000 members, page 40, by state)', members),
      ],
    };
  } finally {
    await api.stop();
    // The campaign's invite mails wait in Redis (no worker ran): remove them with the scratch database.
    const mail = new Queue('mail', { connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, prefix: `bench_${db.name}` });
    await mail.obliterate({ force: true }).catch((err) => console.warn(`could not remove the bench's mail jobs: ${err.message}`));
    await mail.close();
    await db.drop();
  }
}
