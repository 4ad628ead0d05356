import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { PipelineError, type PipelineErrorCode } from './errors';
import type { PipelineOptions, PrecheckResult, ProcessOptions, ProcessResult } from './pipeline';
import type { SalientThreadMessage } from './salient-thread';

/** The pipeline behind a pool of worker threads: the caller's event loop never runs pixel work. */
export interface PipelinePool {
  precheck(bytes: Buffer, style?: unknown): Promise<PrecheckResult>;
  process(bytes: Buffer, style: unknown, options?: ProcessOptions): Promise<ProcessResult>;
  /** Number of worker threads the pool runs once all have started. */
  readonly size: number;
  /** Threads that have loaded their models and take work now. */
  readonly ready: number;
  /** Resolves once every thread has loaded its models (the pool already works with the first). */
  readonly full: Promise<void>;
  /** Stops every worker; pending calls reject. */
  close(): Promise<void>;
}

export interface PipelinePoolOptions extends PipelineOptions {
  /**
   * Worker threads (default: number of cores, at least 1). Each thread loads its own tfjs models; the
   * salient network (ONNX Runtime, ~320 MB of arena) is loaded once per pool, in a thread of its own, on
   * the first mask a thread asks for (a warm pool: at once).
   */
  size?: number;
  /**
   * The salient network opens at once, while the first thread loads its models, instead of on the
   * first photo that needs a mask. Worth it where the pool starts ahead of its work (a worker process
   * at boot), not where a caller waits (it holds ~320 MB of arena from then on).
   */
  warm?: boolean;
  /**
   * Each thread's V8 young generation, MB (default: V8's, 16+). Small values trade a few per cent of CPU
   * for memory: 2 MB cut a checking thread's process peak by ~30 MB (265–269 → 235–236 MB over ten
   * checks) for 5–8 % more CPU. For a process whose memory matters more than its speed (the API).
   */
  youngGenerationMb?: number;
  /**
   * How the pool replaces threads that die (see {@link ThreadRestartPolicy}); the defaults suit a
   * server process. Tests shorten the delays.
   */
  restart?: Partial<ThreadRestartPolicy>;
  /** Told about every thread the pool loses and what it does about it (a server logs it). */
  onThreadLost?: (event: ThreadLostEvent) => void;
}

/**
 * Replacing dead threads: the first replacement starts at once (one crash should cost one job, not a
 * pause), each further consecutive one waits twice as long as the last, up to `maxDelayMs`. Deaths
 * are consecutive until a thread answers a job or lives `stableMs`. After `attempts` consecutive
 * replacements the pool stops replacing: a thread that dies on start (a broken model file, a native
 * crash) would otherwise reload its models in a loop, each load costing a core for a second or more.
 */
export interface ThreadRestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  attempts: number;
  stableMs: number;
}

const DEFAULT_RESTART: ThreadRestartPolicy = { firstDelayMs: 1000, maxDelayMs: 30_000, attempts: 5, stableMs: 60_000 };

/** A thread the pool lost: why, and either when its replacement starts or that the pool gave up. */
export interface ThreadLostEvent {
  reason: string;
  /** Consecutive losses so far, this one included. */
  consecutive: number;
  /** Milliseconds until the replacement starts; undefined when the pool gave up replacing. */
  restartInMs?: number;
  /** True once the pool stops replacing threads: calls fail when no thread is left. */
  gaveUp: boolean;
  /** Threads still taking work. */
  ready: number;
}

interface Job {
  id: number;
  op: 'precheck' | 'process';
  args: unknown[];
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type Reply = { id?: number; ready?: boolean; result?: unknown; error?: { code: PipelineErrorCode; message: string } };

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * Starts `size` worker threads, each with its own tfjs models (loaded once per thread; the salient
 * network is one more thread's, served to them over a MessagePort each), and spreads calls
 * over them. Resolves as soon as the first thread is ready; the others start one after another (so
 * the first has the machine to itself while it loads) and join as they become ready. Needs the
 * compiled package (`dist/worker.js`).
 */
export async function createPipelinePool(opts: PipelinePoolOptions = {}): Promise<PipelinePool> {
  const size = Math.max(1, opts.size ?? os.availableParallelism?.() ?? os.cpus().length);
  const script = path.join(__dirname, 'worker.js');
  if (!fs.existsSync(script)) throw new PipelineError('INTERNAL', `worker script not found at ${script} (build @teamframe/pipeline first)`);
  const { size: _s, warm, youngGenerationMb, restart: restartOptions, onThreadLost, ...workerOptions } = opts;
  const policy = { ...DEFAULT_RESTART, ...restartOptions };
  const resourceLimits = youngGenerationMb ? { maxYoungGenerationSizeMb: youngGenerationMb } : undefined;
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const threads: Worker[] = [];
  let nextId = 1;
  let closed = false;
  let ready = 0;
  let starting = 0;
  // replacements waiting out their back-off: queued calls wait for them
  let restarting = 0;
  // threads lost since one last answered a job or lived policy.stableMs; see ThreadRestartPolicy
  let consecutiveLosses = 0;
  let gaveUp: PipelineError | undefined;
  const timers = new Set<NodeJS.Timeout>();
  // the threads' one salient network, in a thread of its own (salient-thread.ts), opened on the first
  // mask any of them asks for, or now for a warm pool: it then loads while the first pixel thread
  // loads its models instead of after
  const startSalientThread = () => {
    const t = new Worker(path.join(__dirname, 'salient-thread.js'));
    t.unref();
    // its error is the masks' (they fail with it); the exit below replaces it
    t.on('error', () => undefined);
    // a dead salient thread leaves every pixel thread with a dead port: they are replaced (with the
    // usual back-off), each with a port to a new salient thread
    t.once('exit', () => {
      if (closed) return;
      salientThread = startSalientThread();
      // nothing more goes to them (queued calls wait for their replacements); their running jobs fail
      idle.splice(0);
      for (const w of [...threads]) void w.terminate();
    });
    return t;
  };
  let salientThread = startSalientThread();
  const toSalient = (m: SalientThreadMessage, transfer?: MessagePort[]) => salientThread.postMessage(m, transfer);
  if (warm) toSalient({ open: true });

  const pump = () => {
    while (idle.length && queue.length) {
      const w = idle.pop()!;
      const job = queue.shift()!;
      busy.set(w, job);
      w.postMessage({ id: job.id, op: job.op, args: job.args });
    }
  };

  const settle = (job: Job, msg: Reply) => {
    if (msg.error) return job.reject(new PipelineError(msg.error.code, msg.error.message));
    const r = msg.result as ProcessResult;
    if (r && Array.isArray(r.renditions)) r.renditions = r.renditions.map((x) => ({ ...x, bytes: toBuffer(x.bytes) }));
    job.resolve(r);
  };

  /** Takes a thread that died out of the pool: its job fails (the caller retries), nothing is sent to it again. */
  const retire = (w: Worker, reason: string) => {
    const at = idle.indexOf(w);
    if (at >= 0) idle.splice(at, 1);
    const job = busy.get(w);
    busy.delete(w);
    job?.reject(new PipelineError('INTERNAL', reason));
  };

  const noThreadLeft = () => ready === 0 && starting === 0 && restarting === 0;

  /** Queued calls cannot be answered when no thread is left and none is starting. */
  const failQueuedIfNoThreads = () => {
    if (!noThreadLeft()) return;
    for (const j of queue.splice(0)) j.reject(gaveUp ?? new PipelineError('INTERNAL', 'no pipeline thread could be started'));
  };

  /** A thread died (before or after it was ready): start another after the back-off, or give up. */
  const replace = (reason: string) => {
    if (closed) return;
    consecutiveLosses++;
    if (consecutiveLosses > policy.attempts) {
      gaveUp = new PipelineError('INTERNAL', `pipeline threads keep dying (${consecutiveLosses} in a row, last: ${reason}); the pool stopped replacing them`);
      onThreadLost?.({ reason, consecutive: consecutiveLosses, gaveUp: true, ready });
      failQueuedIfNoThreads();
      return;
    }
    const delay = consecutiveLosses === 1 ? 0 : Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (consecutiveLosses - 2));
    onThreadLost?.({ reason, consecutive: consecutiveLosses, restartInMs: delay, gaveUp: false, ready });
    restarting++;
    const timer = setTimeout(() => {
      timers.delete(timer);
      restarting--;
      if (closed) return;
      start().catch((e: Error) => replace(e.message));
    }, delay);
    timers.add(timer);
  };

  const start = () =>
    new Promise<Worker>((resolve, reject) => {
      starting++;
      const salient = new MessageChannel();
      toSalient({ serve: salient.port1 }, [salient.port1]);
      const w = new Worker(script, { workerData: { options: workerOptions, salientPort: salient.port2 }, transferList: [salient.port2], resourceLimits });
      threads.push(w);
      w.once('exit', () => {
        threads.splice(threads.indexOf(w), 1);
      });
      let up = false;
      const failed = (e: unknown) => {
        if (up) return;
        up = true; // settled: a later exit is the ready thread's own handler's business
        starting--;
        reject(e);
      };
      w.once('message', (m: Reply) => {
        if (!m.ready) return failed(new PipelineError(m.error?.code ?? 'MODEL_LOAD_FAILED', m.error?.message ?? 'worker failed to start'));
        up = true;
        starting--;
        const readyAt = Date.now();
        w.on('message', (msg: Reply) => {
          consecutiveLosses = 0;
          const job = busy.get(w);
          busy.delete(w);
          idle.push(w);
          if (job) settle(job, msg);
          pump();
        });
        if (closed) return reject(new PipelineError('INTERNAL', 'pool closed'));
        ready++;
        idle.push(w);
        // A ready thread that dies (out of memory, a crash in native code) leaves the pool and is
        // replaced, so its job fails once and the next call is not posted to a dead thread.
        w.once('exit', (code) => {
          if (closed) return;
          ready--;
          retire(w, `worker exited (${code})`);
          if (Date.now() - readyAt >= policy.stableMs) consecutiveLosses = 0;
          replace(`worker exited (${code})`);
        });
        pump();
        resolve(w);
      });
      w.on('error', (e) => {
        const job = busy.get(w);
        busy.delete(w);
        job?.reject(new PipelineError('INTERNAL', `worker crashed: ${e.message}`));
      });
      // terminated (or dead) before it was ready: the start fails instead of waiting for ever
      w.once('exit', (code) => failed(new PipelineError('INTERNAL', `worker exited (${code}) before it was ready`)));
    });

  await start().catch(async (e) => {
    await salientThread.terminate();
    throw e;
  });
  // The rest, one at a time; a thread that fails to start leaves the pool smaller, not broken.
  const full = (async () => {
    for (let i = 1; i < size && !closed; i++) await start().catch(failQueuedIfNoThreads);
  })();

  const call = <T>(op: Job['op'], args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      if (closed) return reject(new PipelineError('INTERNAL', 'pool is closed'));
      if (gaveUp && noThreadLeft()) return reject(gaveUp);
      queue.push({ id: nextId++, op, args, resolve: resolve as (v: unknown) => void, reject });
      pump();
    });

  return {
    size,
    get ready() {
      return ready;
    },
    full,
    precheck: (bytes, style) => call<PrecheckResult>('precheck', [bytes, style]),
    process: (bytes, style, options) => call<ProcessResult>('process', [bytes, style, options ?? {}]),
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      for (const j of queue.splice(0)) j.reject(new PipelineError('INTERNAL', 'pool closed'));
      await Promise.all(threads.map((w) => w.terminate()));
      await full;
      // the session is released after the runs in flight, so a pool closed when idle gives its arena back
      const released = new Promise((r) => salientThread.once('message', r));
      toSalient({ release: true });
      await Promise.race([released, new Promise((r) => salientThread.once('exit', r))]);
      await salientThread.terminate();
    },
  };
}
