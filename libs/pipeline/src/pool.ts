import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { PipelineError, type PipelineErrorCode } from './errors';
import type { PipelineOptions, PrecheckResult, ProcessOptions, ProcessResult } from './pipeline';

/** The pipeline behind a pool of worker threads: the caller's event loop never runs pixel work. */
export interface PipelinePool {
  precheck(bytes: Buffer, style?: unknown): Promise<PrecheckResult>;
  process(bytes: Buffer, style: unknown, options?: ProcessOptions): Promise<ProcessResult>;
  /** Number of worker threads. */
  readonly size: number;
  /** Stops every worker; pending calls reject. */
  close(): Promise<void>;
}

export interface PipelinePoolOptions extends PipelineOptions {
  /** Worker threads (default: number of cores, at least 1). Each thread loads its own models. */
  size?: number;
}

interface Job {
  id: number;
  op: 'precheck' | 'process';
  args: unknown[];
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * Starts `size` worker threads, each with its own models (loaded once per thread), and spreads calls
 * over them. Needs the compiled package (`dist/worker.js`).
 */
export async function createPipelinePool(opts: PipelinePoolOptions = {}): Promise<PipelinePool> {
  const size = Math.max(1, opts.size ?? os.availableParallelism?.() ?? os.cpus().length);
  const script = path.join(__dirname, 'worker.js');
  if (!fs.existsSync(script)) throw new PipelineError('INTERNAL', `worker script not found at ${script} (build @teamframe/pipeline first)`);
  const { size: _s, ...pipelineOptions } = opts;
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  let nextId = 1;
  let closed = false;

  const pump = () => {
    while (idle.length && queue.length) {
      const w = idle.pop()!;
      const job = queue.shift()!;
      busy.set(w, job);
      w.postMessage({ id: job.id, op: job.op, args: job.args });
    }
  };

  const start = () =>
    new Promise<Worker>((resolve, reject) => {
      const w = new Worker(script, { workerData: { options: pipelineOptions } });
      w.once('message', (m: { ready?: boolean; error?: { code: PipelineErrorCode; message: string } }) => {
        if (m.ready) resolve(w);
        else reject(new PipelineError(m.error?.code ?? 'MODEL_LOAD_FAILED', m.error?.message ?? 'worker failed to start'));
        w.on('message', (msg: { id: number; result?: unknown; error?: { code: PipelineErrorCode; message: string } }) => {
          const job = busy.get(w);
          busy.delete(w);
          idle.push(w);
          if (job) {
            if (msg.error) job.reject(new PipelineError(msg.error.code, msg.error.message));
            else {
              const r = msg.result as ProcessResult;
              if (r && Array.isArray(r.renditions)) r.renditions = r.renditions.map((x) => ({ ...x, bytes: toBuffer(x.bytes) }));
              job.resolve(r);
            }
          }
          pump();
        });
      });
      w.on('error', (e) => {
        const job = busy.get(w);
        busy.delete(w);
        job?.reject(new PipelineError('INTERNAL', `worker crashed: ${e.message}`));
        reject(e);
      });
    });

  const workers = await Promise.all(Array.from({ length: size }, start));
  idle.push(...workers);

  const call = <T>(op: Job['op'], args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      if (closed) return reject(new PipelineError('INTERNAL', 'pool is closed'));
      queue.push({ id: nextId++, op, args, resolve: resolve as (v: unknown) => void, reject });
      pump();
    });

  return {
    size,
    precheck: (bytes, style) => call<PrecheckResult>('precheck', [bytes, style]),
    process: (bytes, style, options) => call<ProcessResult>('process', [bytes, style, options ?? {}]),
    async close() {
      closed = true;
      for (const j of queue.splice(0)) j.reject(new PipelineError('INTERNAL', 'pool closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
