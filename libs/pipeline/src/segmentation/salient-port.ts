import type { MessagePort } from 'node:worker_threads';
import { PipelineError, type PipelineErrorCode } from '../errors';
import { salientInput, type SalientModel, type SalientSession } from './u2netp';

/*
 * The salient network across a MessagePort: a pool thread (remoteSalientModel) asks, the pool's salient
 * thread (serveSalientModel) runs its one session. The thread normalises the crop itself (the JS loop stays
 * spread over the threads) and both directions transfer their Float32Array instead of copying it.
 */

type Request = { id: number; input: Float32Array };
type Answer = { id: number; mask?: Float32Array; error?: { code: PipelineErrorCode; message: string } };

/** The model inside a pool thread: each mask is run by the pool's session behind `port`. */
export function remoteSalientModel(port: MessagePort): SalientModel {
  const pending = new Map<number, { resolve: (m: Float32Array) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  port.on('message', (a: Answer) => {
    const p = pending.get(a.id);
    pending.delete(a.id);
    if (!p) return;
    if (a.mask) p.resolve(a.mask);
    else p.reject(new PipelineError(a.error?.code ?? 'INTERNAL', a.error?.message ?? 'salient mask failed'));
  });
  // a closed port (the pool let go of this thread) fails what is waiting instead of leaving it hanging
  port.on('close', () => {
    for (const p of pending.values()) p.reject(new PipelineError('INTERNAL', 'salient model port closed'));
    pending.clear();
  });
  return {
    mask(rgb) {
      return new Promise<Float32Array>((resolve, reject) => {
        const id = nextId++;
        const input = salientInput(rgb);
        pending.set(id, { resolve, reject });
        port.postMessage({ id, input } satisfies Request, [input.buffer as ArrayBuffer]);
      });
    },
  };
}

/**
 * Answers one thread's mask requests on `port` with the session `session()` gives (the caller loads it
 * once, on the first request of any thread). A session that fails to load fails each request with its reason.
 */
export function serveSalientModel(port: MessagePort, session: () => Promise<SalientSession>): void {
  port.on('message', async ({ id, input }: Request) => {
    try {
      const mask = await (await session()).run(input);
      port.postMessage({ id, mask } satisfies Answer, [mask.buffer as ArrayBuffer]);
    } catch (e) {
      const code = e instanceof PipelineError ? e.code : 'INTERNAL';
      port.postMessage({ id, error: { code, message: (e as Error).message } } satisfies Answer);
    }
  });
}

/**
 * The pool's one session (held by its salient thread, src/salient-thread.ts), opened by `open` on the
 * first request of any pixel thread and released with the pool (after the runs still in flight), so a pool
 * closed when idle gives its arena back. A run holds the JS thread it runs on (see SalientSession), so the
 * runs go one at a time, each started only after the last one's answer: that thread's event loop turns
 * between them (new ports, a release) instead of standing through every mask asked for at once.
 */
export function sharedSalientSession(open: () => Promise<SalientSession>): { session: () => Promise<SalientSession>; release: () => Promise<void> } {
  let opening: Promise<SalientSession> | null = null;
  const inFlight = new Set<Promise<unknown>>();
  let queue: Promise<unknown> = Promise.resolve();
  const session = () => {
    // a failed open is tried again by the next request
    opening ??= open().catch((e) => {
      opening = null;
      throw e;
    });
    return opening.then((s): SalientSession => ({
      run(input) {
        const run = queue.then(() => s.run(input));
        queue = run.catch(() => undefined);
        const done = run.catch(() => undefined).finally(() => inFlight.delete(done));
        inFlight.add(done);
        return run;
      },
      release: () => Promise.resolve(), // the pool releases the shared session, not one caller
    }));
  };
  return {
    session,
    async release() {
      const s = await opening?.catch(() => null);
      opening = null;
      await Promise.all(inFlight);
      await s?.release();
    },
  };
}
