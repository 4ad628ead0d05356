/**
 * The container's health check (`node apps/api/dist/healthcheck.js`): asks this process's own health
 * endpoint for its role — the API's `/api/health` on PORT, a worker's `/health` on WORKER_HEALTH_PORT
 * (database, Redis, every queue processor running). Exit 0 healthy, 1 not, with one line saying why.
 */
const TIMEOUT_MS = 4_000;

function target(env: NodeJS.ProcessEnv): string {
  const role = env.TEAMFRAME_ROLE ?? 'all';
  if (role === 'worker') {
    if (!env.WORKER_HEALTH_PORT) throw new Error('WORKER_HEALTH_PORT is not set, so this worker has no health listener to ask');
    return `http://127.0.0.1:${env.WORKER_HEALTH_PORT}/health`;
  }
  return `http://127.0.0.1:${env.PORT ?? '3000'}/api/health`;
}

async function main(): Promise<void> {
  const url = target(process.env);
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`unhealthy: ${e.message}\n`);
    process.exit(1);
  },
);
