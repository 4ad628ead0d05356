import { parentPort, workerData } from 'node:worker_threads';
import { createPipeline } from './pipeline';
import { PipelineError } from './errors';
import { readSamplePortrait } from './samples';
import { useSalientModel } from './models';
import { remoteSalientModel } from './segmentation/salient-port';

// One pipeline (and one set of tfjs models) per worker thread; see createPipelinePool. The salient
// network is the pool's salient thread's: this thread asks over workerData.salientPort and never loads onnxruntime.
(async () => {
  if (!parentPort) return;
  const port = parentPort;
  let pipeline: Awaited<ReturnType<typeof createPipeline>>;
  const { warm, ...options } = workerData?.options ?? {};
  try {
    useSalientModel(remoteSalientModel(workerData.salientPort));
    pipeline = await createPipeline(options);
    // detector, mesh, iris and segmentation each pay their first run here, not on a queued photo (the
    // pool opens the salient network meanwhile, in its own thread)
    if (warm) await pipeline.precheck(await readSamplePortrait('sample-1'));
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
    } catch (e) {
      port.postMessage({ id: m.id, error: { code: e instanceof PipelineError ? e.code : 'INTERNAL', message: (e as Error).message } });
    }
  });
})();
