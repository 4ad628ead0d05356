import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { JOB_SCHEDULES, JOBS, QUEUE, type QueueName } from '@teamframe/shared-types';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationProblems, type FoundDeclaration, PARKS_JOB, RUNS_JOB } from '../src/core/queue/job-handlers';
import { type RunningApi, startApi } from './support/api-process';
import { TestSmtp } from './support/smtp';
import { createTestDatabase, REDIS_URL, REPO_ROOT, specEnv, type TestDatabase, uniquePrefix } from './support/test-env';
import { waitForJob } from '../src/core/queue/job-result';

const decl = (queue: QueueName, names: string[], where: string): FoundDeclaration => ({ queue, names, where });

describe('job declarations: the boot check', () => {
  it('accepts one runner per job name, and a process that runs no queue at all (role api)', () => {
    expect(declarationProblems([decl('export', ['build-export'], 'A.build'), decl('export', ['purge-expired-exports'], 'A.purge')], [decl('export', ['build-export'], 'A.park')])).toEqual([]);
    expect(declarationProblems([], [])).toEqual([]);
  });

  it('names a job with no runner, a job with two, and a declaration of a job the queue does not have', () => {
    const problems = declarationProblems(
      [decl('export', ['build-export'], 'A.build'), decl('export', ['build-export'], 'B.build'), decl('mail', ['invite', 'invite-reminder', 'no-such-mail'], 'M.send')],
      [decl('export', ['build-export'], 'A.park'), decl('export', ['build-export'], 'C.park')],
    );
    expect(problems).toContain('job "purge-expired-exports" on queue "export" has no method that runs it');
    expect(problems).toContain('job "build-export" on queue "export" has two methods that run it: A.build and B.build');
    expect(problems).toContain('job "build-export" on queue "export" has two methods that park it: A.park and C.park');
    expect(problems).toContain('M.send runs job "no-such-mail", which queue "mail" does not declare');
    // every mail job but the two declared ones is missing a runner
    expect(problems.filter((p) => p.endsWith('on queue "mail" has no method that runs it'))).toHaveLength(Object.keys(JOBS.mail).length - 2);
  });
});

/** Every @RunsJob / @ParksJob in the built API, found by loading each compiled module file. */
function builtDeclarations(): { runs: FoundDeclaration[]; parks: FoundDeclaration[] } {
  const requireBuilt = createRequire(__filename);
  // Feature and infrastructure code only: the entry points beside them (main, cli, healthcheck) run when loaded.
  const root = path.join(REPO_ROOT, 'apps/api/dist');
  const files = ['modules', 'core'].flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f)));
  const runs: FoundDeclaration[] = [];
  const parks: FoundDeclaration[] = [];
  for (const f of files) {
    const exported = requireBuilt(path.join(root, f)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (typeof value !== 'function' || !value.prototype) continue;
      const cls = value as { name: string; prototype: Record<string, unknown> };
      for (const method of Object.getOwnPropertyNames(cls.prototype)) {
        const fn = Object.getOwnPropertyDescriptor(cls.prototype, method)?.value as object | undefined;
        if (typeof fn !== 'function') continue;
        const run = Reflect.getMetadata(RUNS_JOB, fn) as FoundDeclaration | undefined;
        const park = Reflect.getMetadata(PARKS_JOB, fn) as FoundDeclaration | undefined;
        if (run) runs.push({ ...run, where: `${cls.name}.${method}` });
        if (park) parks.push({ ...park, where: `${cls.name}.${method}` });
      }
    }
  }
  return { runs, parks };
}

describe('job declarations in the built API', () => {
  it('every job name of every queue has exactly one runner; headshots and exports have parkers', () => {
    const { runs, parks } = builtDeclarations();
    expect(declarationProblems(runs, parks)).toEqual([]);
    expect(new Set(runs.map((r) => r.queue))).toEqual(new Set(Object.values(QUEUE)));
    const parked = parks.flatMap((p) => p.names.map((n) => `${p.queue}/${n}`));
    expect(parked.sort()).toEqual(['export/build-export', 'headshot/render']);
  });
});

describe('a worker process runs declared jobs only, and keeps the schedule table', () => {
  let db: TestDatabase;
  let smtp: TestSmtp;
  let worker: RunningApi;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new TestSmtp().start();
    worker = await startApi({ ...specEnv(db, smtp.url, { email: 'hr@jobs.test', password: 'jobs passphrase 1' }), QUEUE_PREFIX: prefix, TEAMFRAME_ROLE: 'worker', TEAMFRAME_SECRET: 'jobs-secret-jobs-secret-jobs-secret-00' }, { waitFor: /Teamframe worker started/ });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('a job name no handler declares fails once, for good, with a sentence (no retry)', async () => {
    const queue = new Queue(QUEUE.export, { connection: { url: REDIS_URL }, prefix });
    const events = new QueueEvents(QUEUE.export, { connection: { url: REDIS_URL }, prefix });
    try {
      await events.waitUntilReady();
      // export jobs get two attempts by default: a plain error would be retried
      const job = await queue.add('made-by-a-newer-version', {}, { attempts: 3 });
      await expect(waitForJob(queue, job, events, 30_000)).rejects.toThrow('No handler for job "made-by-a-newer-version" on queue "export" in this version; it was not retried.');
      const failed = await queue.getJob(job.id!);
      expect(failed?.attemptsMade).toBe(1);
    } finally {
      await events.close();
      await queue.close();
    }
  });

  it('every row of JOB_SCHEDULES is scheduled in Redis, and nothing else', async () => {
    const queues = [...new Set(Object.values(QUEUE))];
    const scheduled: { queue: string; job: string; repeat: unknown }[] = [];
    for (const name of queues) {
      const q = new Queue(name, { connection: { url: REDIS_URL }, prefix });
      try {
        for (const s of await q.getJobSchedulers()) scheduled.push({ queue: name, job: s.key, repeat: s.pattern ? { pattern: s.pattern, ...(s.tz ? { tz: s.tz } : {}) } : { every: Number(s.every) } });
      } finally {
        await q.close();
      }
    }
    const key = (s: { queue: string; job: string }) => `${s.queue}/${s.job}`;
    expect(scheduled.sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...JOB_SCHEDULES].sort((a, b) => key(a).localeCompare(key(b))));
    // the table itself names declared jobs only
    for (const s of JOB_SCHEDULES) expect(Object.values(JOBS[s.queue])).toContain(s.job);
  });
});
