import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { STYLE_PRESETS } from '@teamframe/shared-types';
import { PipelineError } from '../src/errors';
import { loadSalientSession, salientInput, SALIENT_SIZE } from '../src/segmentation/u2netp';
import { remoteSalientModel, serveSalientModel, sharedSalientSession } from '../src/segmentation/salient-port';
import { read } from './testdata';

// The pool runs the compiled package in worker threads (nx: test dependsOn build).
const dist = path.resolve(__dirname, '../dist/index.js');
const built = fs.existsSync(path.resolve(__dirname, '../dist/worker.js'));
const MODEL = path.resolve(__dirname, '../models/u2netp.onnx');

/** Whether ONNX Runtime's native binding is mapped into this process (by any of its threads). */
const onnxruntimeLoaded = () =>
  ((process.report.getReport() as unknown as { sharedObjects: string[] }).sharedObjects ?? []).some((f) => f.includes('onnxruntime'));

describe('the salient network in a pool (one session per process, ~320 MB of arena saved per thread)', () => {
  // first in this file: nothing in this process has loaded onnxruntime yet
  it.skipIf(!built)('threads do not load onnxruntime; the parent loads it once, on the first mask, and answers as an in-process pipeline does', async () => {
    expect(onnxruntimeLoaded()).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPipelinePool, createPipeline } = require(dist) as typeof import('../src/index');
    const pool = await createPipelinePool({ size: 2 });
    try {
      await pool.full;
      expect(pool.ready).toBe(2);
      // both threads have loaded their models: none of them brought onnxruntime in
      expect(onnxruntimeLoaded()).toBe(false);
      // face paint: the matte asks U²-Netp (and the on-head check does too)
      const photo = read('portraits/p16_maxre_face_paint.png');
      const style = STYLE_PRESETS['corporate-grey'];
      const [a, b] = await Promise.all([pool.process(photo, style), pool.process(photo, style)]);
      expect(a.ok).toBe(true);
      expect(onnxruntimeLoaded()).toBe(true);
      // the masks that crossed the port are the ones a pipeline in this thread computes: same bytes
      const local = await (await createPipeline()).process(photo, style);
      for (const r of [a, b]) {
        expect(r.renditions.map((x) => x.name)).toEqual(local.renditions.map((x) => x.name));
        r.renditions.forEach((x, i) => expect(x.bytes.equals(local.renditions[i].bytes), x.name).toBe(true));
      }
    } finally {
      await pool.close();
    }
  }, 180_000);

  it('a network that fails to load fails each mask that needs it with the reason, and is tried again on the next', async () => {
    const { port1, port2 } = new MessageChannel();
    let attempts = 0;
    serveSalientModel(port1, async () => {
      if (++attempts === 1) throw new PipelineError('MODEL_LOAD_FAILED', 'could not load the salient network: no such file');
      return loadSalientSession(MODEL);
    });
    const remote = remoteSalientModel(port2);
    const crop = new Uint8Array(SALIENT_SIZE * SALIENT_SIZE * 3).fill(128);
    try {
      await expect(remote.mask(crop)).rejects.toMatchObject({ name: 'PipelineError', code: 'MODEL_LOAD_FAILED', message: expect.stringContaining('no such file') });
      const mask = await remote.mask(crop);
      expect(mask).toBeInstanceOf(Float32Array);
      expect(mask.length).toBe(SALIENT_SIZE * SALIENT_SIZE);
      // the crop was not handed over (the thread normalises it into a buffer of its own and transfers that)
      expect(crop.byteLength).toBe(SALIENT_SIZE * SALIENT_SIZE * 3);
    } finally {
      port1.close();
    }
  });

  it('a mask waiting on a parent that lets go of the thread fails instead of hanging', async () => {
    const { port1, port2 } = new MessageChannel();
    const remote = remoteSalientModel(port2);
    const waiting = remote.mask(new Uint8Array(SALIENT_SIZE * SALIENT_SIZE * 3));
    port1.close();
    await expect(waiting).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('masks asked for at once run one at a time with the event loop turning between them (a run holds the parent\'s JS thread)', async () => {
    const shared = sharedSalientSession(() => loadSalientSession(MODEL));
    const input = () => salientInput(new Uint8Array(SALIENT_SIZE * SALIENT_SIZE * 3).fill(90));
    const session = await shared.session();
    await session.run(input()); // ONNX Runtime's first-run set-up
    const timers: number[] = [];
    const tick = setInterval(() => timers.push(performance.now()), 1);
    const ends: number[] = [];
    try {
      await Promise.all([1, 2, 3].map(() => session.run(input()).then(() => ends.push(performance.now()))));
    } finally {
      clearInterval(tick);
      await shared.release();
    }
    // a timer fired between each run's end and the next one's (not all three runs in one stall)
    for (let k = 1; k < ends.length; k++) expect(timers.some((t) => t > ends[k - 1] && t < ends[k]), `between runs ${k} and ${k + 1}`).toBe(true);
  }, 30_000);

  it('a closing pool releases its session after the runs in flight (an idle pool gives the arena back); the next mask opens a new one', async () => {
    let opened = 0;
    let released = 0;
    const shared = sharedSalientSession(async () => {
      opened++;
      const s = await loadSalientSession(MODEL);
      return { run: (x) => s.run(x), release: async () => { released++; await s.release(); } };
    });
    const input = () => salientInput(new Uint8Array(SALIENT_SIZE * SALIENT_SIZE * 3).fill(90));
    const running = (await shared.session()).run(input());
    const closing = shared.release();
    expect((await running).length).toBe(SALIENT_SIZE * SALIENT_SIZE);
    await closing;
    expect(released).toBe(1);
    expect((await (await shared.session()).run(input())).length).toBe(SALIENT_SIZE * SALIENT_SIZE);
    expect(opened).toBe(2);
    await shared.release();
  });
});
