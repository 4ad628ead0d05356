import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { STYLE_PRESETS } from '@teamframe/shared-types';
import { read } from './testdata';

// The pool runs the compiled package in worker threads (nx: test dependsOn build).
const dist = path.resolve(__dirname, '../dist/index.js');
const built = fs.existsSync(path.resolve(__dirname, '../dist/worker.js'));

describe('worker-thread pool', () => {
  it.skipIf(!built)('processes photos in worker threads while the event loop stays free', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool } = require(dist) as typeof import('../src/index');
    const pool = await createPipelinePool({ size: 2 });
    try {
      expect(pool.size).toBe(2);
      let ticks = 0;
      const iv = setInterval(() => ticks++, 20);
      const started = performance.now();
      const [a, b, c] = await Promise.all([
        pool.process(read('portraits/p09_max_luciano.png'), STYLE_PRESETS['corporate-grey']),
        pool.process(read('nonface/coffee.jpg'), STYLE_PRESETS['corporate-grey']),
        pool.precheck(read('group/two-people.jpg')),
      ]);
      clearInterval(iv);
      const elapsed = performance.now() - started;
      expect(a.ok).toBe(true);
      expect(Buffer.isBuffer(a.renditions[0].bytes)).toBe(true);
      expect(b.checks[0].code).toBe('NO_FACE');
      expect(c.checks[0].code).toBe('MULTIPLE_FACES');
      // the main thread kept ticking while the workers did the pixel work
      expect(ticks).toBeGreaterThan(0);
      expect(elapsed).toBeGreaterThan(0);
      await expect(pool.process(read('portraits/p09_max_luciano.png'), { canvas: { width: 5 } })).rejects.toMatchObject({ name: 'PipelineError', code: 'INVALID_STYLE' });
    } finally {
      await pool.close();
    }
  });

  it.skipIf(!built)('answers once its first thread is ready; the others start one after another and join', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool } = require(dist) as typeof import('../src/index');
    const pool = await createPipelinePool({ size: 2, warm: true });
    try {
      // the second thread only starts loading once the first is ready (so a cold start on a small
      // machine gives the first the cores): it cannot be ready yet, and work goes to the first
      expect(pool.ready).toBe(1);
      expect((await pool.precheck(read('portraits/p09_max_luciano.png'))).ok).toBe(true);
      await pool.full;
      expect(pool.ready).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it.skipIf(!built)('closes while a thread is still loading, without waiting for it', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool } = require(dist) as typeof import('../src/index');
    const pool = await createPipelinePool({ size: 2 });
    await pool.close();
    await expect(pool.precheck(read('portraits/p09_max_luciano.png'))).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it.skipIf(!built)('replaces a thread that died: its job fails once, the next calls are answered', async () => {
    // The pool's own threads, recorded as it makes them (Node's builtin module object is shared).
    const threads = createRequire(__filename)('node:worker_threads') as typeof import('node:worker_threads');
    const Original = threads.Worker;
    const made: import('node:worker_threads').Worker[] = [];
    threads.Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made.push(this);
      }
    } as typeof Original;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool } = require(dist) as typeof import('../src/index');
    const pool = await createPipelinePool({ size: 1 });
    try {
      const photo = read('portraits/p09_max_luciano.png');
      // dies while idle: the next call must not be posted to the dead thread (it hung before)
      await made[0].terminate();
      expect((await pool.precheck(photo)).ok).toBe(true);
      expect(made).toHaveLength(2);
      // dies while busy: that call fails with a reason, the pool goes on with a new thread
      const busy = pool.precheck(photo);
      const dying = made[1].terminate();
      await expect(busy).rejects.toMatchObject({ code: 'INTERNAL' });
      await dying;
      expect((await pool.precheck(photo)).ok).toBe(true);
      expect(pool.ready).toBe(1);
    } finally {
      threads.Worker = Original;
      await pool.close();
    }
  }, 120_000);
});
