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

  it.skipIf(!built)('runs the salient network off the caller\'s thread: its event loop never stalls for a mask', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool } = require(dist) as typeof import('../src/index');
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const pool = await createPipelinePool({ size: 1, warm: true });
    try {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      // face paint: the matte and the on-head check each ask U²-Netp (300–800 ms per run on this machine)
      const r = await pool.process(read('portraits/p16_maxre_face_paint.png'), STYLE_PRESETS['corporate-grey']);
      delay.disable();
      expect(r.ok).toBe(true);
      // on the caller's thread, each run blocked it for its whole length
      expect(delay.max / 1e6).toBeLessThan(200);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it.skipIf(!built)('replaces a dead salient thread, and the pixel threads that held ports to it', async () => {
    const threads = createRequire(__filename)('node:worker_threads') as typeof import('node:worker_threads');
    const Original = threads.Worker;
    const salient: import('node:worker_threads').Worker[] = [];
    threads.Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        if (String(args[0]).endsWith('salient-thread.js')) salient.push(this);
      }
    } as typeof Original;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool } = require(dist) as typeof import('../src/index');
    const pool = await createPipelinePool({ size: 1 });
    try {
      await salient[0].terminate();
      // face paint: the matte needs masks, which only a live salient thread answers
      const r = await pool.process(read('portraits/p16_maxre_face_paint.png'), STYLE_PRESETS['corporate-grey']);
      expect(r.ok).toBe(true);
      expect(salient).toHaveLength(2);
    } finally {
      threads.Worker = Original;
      await pool.close();
    }
  }, 120_000);

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
        // pixel threads only (the pool's salient thread runs another script)
        if (String(args[0]).endsWith('worker.js')) made.push(this);
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

describe('worker-thread pool: threads that die on start', () => {
  /** Records the pool's threads; `dieOnStart` threads are terminated as soon as they are made (a crash at start). */
  function recordThreads() {
    const threads = createRequire(__filename)('node:worker_threads') as typeof import('node:worker_threads');
    const Original = threads.Worker;
    const made: { at: number; worker: import('node:worker_threads').Worker }[] = [];
    const control = { dieOnStart: 0 };
    threads.Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        if (!String(args[0]).endsWith('worker.js')) return; // the pool's salient thread
        made.push({ at: Date.now(), worker: this });
        if (control.dieOnStart > 0) {
          control.dieOnStart--;
          void this.terminate();
        }
      }
    } as typeof Original;
    return { made, control, restore: () => (threads.Worker = Original) };
  }

  it.skipIf(!built)('backs off between replacements and, after repeated failures, stops and tells its callers why', async () => {
    const rec = recordThreads();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool } = require(dist) as typeof import('../src/index');
    const lost: import('../src/index').ThreadLostEvent[] = [];
    const pool = await createPipelinePool({ size: 1, restart: { firstDelayMs: 300, maxDelayMs: 600, attempts: 4 }, onThreadLost: (e) => lost.push(e) });
    try {
      rec.control.dieOnStart = Infinity;
      await rec.made[0].worker.terminate();
      // queued while the pool is replacing its thread: it waits, then fails with the reason
      const call = pool.precheck(read('portraits/p09_max_luciano.png'));
      await expect(call).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/pipeline threads keep dying \(5 in a row, last: worker exited \(\d+\) before it was ready\)/) });
      expect(lost.map((e) => e.restartInMs)).toEqual([0, 300, 600, 600, undefined]);
      expect(lost.at(-1)).toMatchObject({ gaveUp: true, ready: 0, consecutive: 5 });
      // the original thread and four replacements, each after its delay: no spinning
      expect(rec.made).toHaveLength(5);
      const gaps = rec.made.slice(1).map((m, i) => m.at - rec.made[i].at);
      expect(gaps[1]).toBeGreaterThanOrEqual(290);
      expect(gaps[2]).toBeGreaterThanOrEqual(590);
      expect(gaps[3]).toBeGreaterThanOrEqual(590);
      await new Promise((r) => setTimeout(r, 1000));
      expect(rec.made).toHaveLength(5);
      // later calls fail at once with the same reason instead of waiting for a thread that never comes
      await expect(pool.precheck(read('portraits/p09_max_luciano.png'))).rejects.toThrow(/pipeline threads keep dying/);
    } finally {
      rec.restore();
      await pool.close();
    }
  }, 120_000);

  it.skipIf(!built)('a call queued while replacements fail is answered by the first thread that starts', async () => {
    const rec = recordThreads();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool } = require(dist) as typeof import('../src/index');
    const lost: import('../src/index').ThreadLostEvent[] = [];
    const pool = await createPipelinePool({ size: 1, restart: { firstDelayMs: 100, maxDelayMs: 1000, attempts: 4 }, onThreadLost: (e) => lost.push(e) });
    try {
      rec.control.dieOnStart = 2;
      await rec.made[0].worker.terminate();
      expect((await pool.precheck(read('portraits/p09_max_luciano.png'))).ok).toBe(true);
      expect(lost.map((e) => e.restartInMs)).toEqual([0, 100, 200]);
      expect(pool.ready).toBe(1);
      // the thread answered: the next loss counts from one again (replaced at once)
      await rec.made.at(-1)!.worker.terminate();
      expect((await pool.precheck(read('portraits/p09_max_luciano.png'))).ok).toBe(true);
      expect(lost.at(-1)).toMatchObject({ consecutive: 1, restartInMs: 0 });
    } finally {
      rec.restore();
      await pool.close();
    }
  }, 120_000);
});
