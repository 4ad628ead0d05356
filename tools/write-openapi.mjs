#!/usr/bin/env node
// Regenerates apps/api/openapi.json from the running code (the API integration test fails when the
// committed file drifts from it). Starts the built API on a scratch database of the local PostgreSQL,
// or on the embedded one when TEST_PG_ADMIN_URL is unreachable.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `tf_openapi_${process.pid}`;

execFileSync('npx', ['nx', 'run', 'api:build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = s.address();
    s.close(() => resolve(free));
  });
});
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const proc = spawn(process.execPath, ['apps/api/dist/main.js'], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: dbUrl.toString(), PORT: String(port), LOG_LEVEL: 'warn', QUEUE_PREFIX: `tf_openapi_${process.pid}` },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  await new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('the API did not start within 60 s')), 60_000).unref();
    let out = '';
    proc.stdout.on('data', (d) => /Teamframe is running/.test((out += d)) && resolve());
    proc.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
  });
  const doc = await (await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`)).json();
  writeFileSync(path.join(root, 'apps/api/openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
  console.log('wrote apps/api/openapi.json');
} finally {
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
