// API under load: the employee list of a 5,000-person org, paged, at a fixed 200 requests/s from a
// second process on loopback (autocannon), beside /api/health at the same rate as the baseline.
import autocannon from 'autocannon';
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
    const headers = { cookie: c.cookieHeader() };
    const base = await load(`http://127.0.0.1:${port}/api/health`, headers);
    const list = await load(`http://127.0.0.1:${port}/api/employees?page=57&pageSize=25&sort=lastName&department=Dept%203`, headers);
    return {
      importMs,
      rows: [
        { name: 'GET /api/health (baseline)', p50: base.latency.p50, p99: base.latency.p99, rps: base.requests.average, errors: base.non2xx + base.errors },
        { name: 'GET /api/employees (5,000 people, page 57, filtered)', p50: list.latency.p50, p99: list.latency.p99, rps: list.requests.average, errors: list.non2xx + list.errors },
      ],
    };
  } finally {
    await api.stop();
    await db.drop();
  }
}
