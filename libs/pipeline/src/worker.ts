import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { createPipeline } from './pipeline';
import { PipelineError } from './errors';
import { useSalientModel } from './models';
import { remoteSalientModel } from './segmentation/salient-port';

// One pipeline (and one set of tfjs models) per worker thread; see createPipelinePool. The salient
// network is the pool's salient thread's: this thread asks over workerData.salientPort and never loads onnxruntime.
/**
 * A full collection after each job. A job leaves tens of MB of dead canvases (typed arrays over 2000²
 * planes) that V8 would only collect at its next major GC, whenever that comes; collected now, their
 * memory goes back to the system where malloc returns large blocks (the image's MALLOC_MMAP_THRESHOLD_).
 * Measured: a second thread's resident cost after 4 headshots 207–228 → 167–171 MB, CPU +3–4 % (≈ 30 ms
 * per job). Worker threads take no V8 flags of their own, hence the flag set at run time and `gc` fetched
 * from a fresh context.
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

(async () => {
  if (!parentPort) return;
  const port = parentPort;
  let pipeline: Awaited<ReturnType<typeof createPipeline>>;
  const options = workerData?.options ?? {};
  try {
    useSalientModel(remoteSalientModel(workerData.salientPort));
    // No warm-up run on a sample portrait: it cost ~470 ms of CPU at start and saved ~100 ms on the
    // first photo (loadModels already runs the segmentation model once), so a worker that starts with
    // work queued got its first headshot later, not sooner.
    pipeline = await createPipeline(options);
  } catch (e) {
    port.postMessage({ error: { code: e instanceof PipelineError ? e.code : 'MODEL_LOAD_FAILED', message: (e as Error).message } });
    return;
  }
  port.postMessage({ ready: true });
  const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  port.on('message', async (m: { id: number; op: 'precheck' | 'process'; args: unknown[] }) => {
    try {
      const bytes = toBuffer(m.args[0] as Uint8Array);
      let result: unknown;
      if (m.op === 'precheck') result = await pipeline.precheck(bytes, m.args[1]);
      else {
        const options = (m.args[2] ?? {}) as { backgroundImage?: Uint8Array };
        result = await pipeline.process(bytes, m.args[1], { backgroundImage: options.backgroundImage ? toBuffer(options.backgroundImage) : undefined });
      }
      port.postMessage({ id: m.id, result });
      collectGarbage();
    } catch (e) {
      port.postMessage({ id: m.id, error: { code: e instanceof PipelineError ? e.code : 'INTERNAL', message: (e as Error).message } });
    }
  });
})();
