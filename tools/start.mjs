#!/usr/bin/env node
// `npm start`: build what is missing or stale (through Nx), then run the product in one process
// (role `all`) on embedded defaults: embedded PostgreSQL under ./var/pg unless DATABASE_URL is set,
// mail to ./var/outbox unless SMTP_URL is set. The API prints the URL and how to sign in.
// This is the local, single-machine run, so the outbox mails' links are printed too (the development
// switch MAIL_OUTBOX_PRINT_LINKS; set it to false to keep them out of the terminal).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,admin-web', '--output-style=static'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) {
  console.error('The build failed; see the lines above.');
  process.exit(build.status ?? 1);
}

const app = spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: root, env: { MAIL_OUTBOX_PRINT_LINKS: 'true', ...process.env }, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code) => process.exit(code ?? 0));
