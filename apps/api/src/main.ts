import 'reflect-metadata';
import { createServer } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, ConfigError, parseConfig } from './core/config/config';
import { loadOrCreateSecret } from './core/config/secret';
import { closeEarlyPool, startPoolEarly } from './core/pipeline/early-pool';

// Only what it takes to read the config and start a worker's pixel threads is imported up here: the
// rest (Nest, TypeORM, the app's modules: ≈ 0.6 s of the main thread before its first line ran) is
// imported inside main(), after the threads have started loading their models.

/** After the drain, closing connections and the pool takes a moment; never longer than this. */
const CLOSE_BOUND_MS = 10_000;

/** Start-up failures a person can fix: printed as one line, no stack trace. */
class StartupError extends Error {}

async function main(): Promise<void> {
  const shutdown: (() => Promise<unknown>)[] = [];
  let config: AppConfig = parseConfig(process.env);
  config = { ...config, TEAMFRAME_SECRET: loadOrCreateSecret(config.TEAMFRAME_SECRET, config.SECRET_FILE) };
  // A worker's pixel threads load their models while this thread loads the app (its modules are
  // required below, not at the top of this file, so the two overlap).
  startPoolEarly(config);
  const [{ RequestMethod }, { NestFactory }, { Logger }, { DataSource }, { assertDatabaseReachable }, { startEmbeddedPostgres }, { runMigrationsLocked }, { StartupQuietLogger }, { installProcessGuards }, { describeRedis }, { assertRedisReachable }] = await Promise.all([
    import('@nestjs/common'),
    import('@nestjs/core'),
    import('nestjs-pino'),
    import('typeorm'),
    import('./core/database/database-reachable'),
    import('./core/database/embedded-postgres'),
    import('./core/database/migrate'),
    import('./core/http/startup-log-levels'),
    import('./core/process/process-guards'),
    import('./core/redis/redis-options'),
    import('./core/redis/redis-reachable'),
  ]);

  try {
    await assertRedisReachable(config);
  } catch (e) {
    throw new StartupError(
      `Redis is not reachable at ${describeRedis(config)} (${(e as Error).message || 'no answer'}). Start it with ` +
        '`redis-server --daemonize yes` (Debian: apt-get install redis-server) or `docker compose -f docker/compose.yml up -d redis`, or set REDIS_URL.',
    );
  }
  if (config.TEAMFRAME_ROLE !== 'worker') await assertPortFree(config.HOST, config.PORT);

  if (!config.DATABASE_URL) {
    const pg = await startEmbeddedPostgres(config.EMBEDDED_PG_DIR, config.EMBEDDED_PG_PORT).catch((e: Error) => {
      throw new StartupError(`The embedded PostgreSQL under ${config.EMBEDDED_PG_DIR} did not start (${e.message}). Set DATABASE_URL to use your own server.`);
    });
    config = { ...config, DATABASE_URL: pg.url };
    shutdown.push(pg.stop);
    process.stdout.write(`Embedded PostgreSQL is running with its data in ${pg.databaseDir}\n`);
  } else {
    await assertDatabaseReachable(config.DATABASE_URL).catch((e: Error) => {
      throw new StartupError(`PostgreSQL is not reachable at ${redact(config.DATABASE_URL!)} (${e.message}). Check DATABASE_URL, or unset it to use the embedded database.`);
    });
  }

  const { ApiAppModule, WorkerAppModule } = await import('./app.module');
  const app: INestApplicationContext =
    config.TEAMFRAME_ROLE === 'worker'
      ? await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), { bufferLogs: true, abortOnError: false })
      : await NestFactory.create<NestExpressApplication>(ApiAppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(new StartupQuietLogger(app.get(Logger)));
  // Nest holds what it logged while building the app until it is flushed; flush now, or those lines
  // would land after the ready banner and bury it again.
  app.flushLogs();
  // In order: let running jobs finish (bounded), then close HTTP, queues, pool and database.
  shutdown.unshift(() => bounded(app.close(), CLOSE_BOUND_MS));
  const { QueueWorkers } = await import('./core/worker-runtime/queue-workers');
  if (config.TEAMFRAME_ROLE !== 'api') shutdown.unshift(() => app.get(QueueWorkers).drain(config.SHUTDOWN_TIMEOUT_SECONDS * 1000));
  installProcessGuards(app.get(Logger), onSignals(shutdown));

  const applied = await runMigrationsLocked(app.get(DataSource));
  if (applied.length) app.get(Logger).log({ applied }, 'applied database migrations');

  if (config.TEAMFRAME_ROLE === 'worker') {
    await app.init();
    process.stdout.write(`Teamframe worker started (queues on ${describeRedis(config)})\n`);
    return;
  }
  const http = app as NestExpressApplication;
  await configureHttp(http, config, RequestMethod);
  await http.listen(config.PORT, config.HOST);
  const { BootstrapService } = await import('./modules/bootstrap/bootstrap.service');
  process.stdout.write(readyBanner(config, http.get(BootstrapService).takeFirstRunSignIn(), process.stdout.isTTY === true));
}

/**
 * The last thing start-up prints, set apart so a newcomer finds it without scrolling: the address
 * and, on the first run, the one-time password (printed here and nowhere else).
 */
function readyBanner(config: AppConfig, firstRun: { email: string; password: string } | null, colour: boolean): string {
  const bold = (s: string) => (colour ? `\x1b[1m${s}\x1b[0m` : s);
  const lines = [`Teamframe is running at ${config.PUBLIC_URL} (role ${config.TEAMFRAME_ROLE})`];
  if (firstRun) lines.push(`First run: sign in as ${firstRun.email} with the one-time password ${firstRun.password}`);
  else if (config.TEAMFRAME_ADMIN_PASSWORD) lines.push(`Sign in as ${config.TEAMFRAME_ADMIN_EMAIL}`);
  const rule = '='.repeat(Math.min(100, Math.max(...lines.map((l) => l.length))));
  return ['', rule, ...lines.map(bold), rule, ''].join('\n') + '\n';
}

async function configureHttp(app: NestExpressApplication, config: AppConfig, RequestMethod: typeof import('@nestjs/common').RequestMethod): Promise<void> {
  // the OpenAPI document is built only where HTTP is served (not in a worker's start-up)
  const { buildOpenApi, mountOpenApi } = await import('./core/http/openapi');
  const [{ default: cookieParser }, { default: helmet }, { Logger }, { requestIdMiddleware }, { serveAdminWeb }] = await Promise.all([
    import('cookie-parser'),
    import('helmet'),
    import('nestjs-pino'),
    import('./core/http/request-id'),
    import('./core/web/serve-admin-web'),
  ]);
  app.set('trust proxy', config.TRUST_PROXY ? 1 : false);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': config.PUBLIC_HTTPS ? [] : null } },
      strictTransportSecurity: config.PUBLIC_HTTPS,
    }),
  );
  app.use(cookieParser());
  // SCIM clients send application/scim+json (RFC 7644 §3.1).
  app.useBodyParser('json', { type: ['application/json', 'application/scim+json'], limit: '256kb' });
  // Employee CSV imports read their body themselves, as it arrives (employees/csv-upload.ts).
  // SCIM lives at /scim/v2, where Okta and Entra ID expect a SCIM base URL, not under /api.
  app.setGlobalPrefix('api', { exclude: [{ path: 'scim/v2/{*path}', method: RequestMethod.ALL }] });
  mountOpenApi(app, buildOpenApi(app));
  if (!serveAdminWeb(app, config.WEB_DIR)) {
    app.get(Logger).warn(`the admin web app is not built (${config.WEB_DIR}/index.html missing): run \`npx nx run admin-web:build\``);
  }
}

function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(new StartupError(e.code === 'EADDRINUSE' ? `Port ${port} on ${host} is already in use: stop what holds it or set PORT to a free port.` : `Cannot listen on ${host}:${port} (${e.message}).`)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Stops in order on SIGINT/SIGTERM; returns the same stop for the process guards. */
function onSignals(shutdown: (() => Promise<unknown>)[]): (exitCode: number) => void {
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    for (const step of shutdown) await step().catch(() => undefined);
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(0));
  return (exitCode) => void stop(exitCode);
}

function bounded(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch(async (e: unknown) => {
  const line = e instanceof ConfigError || e instanceof StartupError ? e.message : `Teamframe could not start: ${(e as Error)?.message ?? e}`;
  process.stderr.write(`${line.split('\n')[0]}\n`);
  await bounded(closeEarlyPool().catch(() => undefined), CLOSE_BOUND_MS);
  process.exit(1);
});
