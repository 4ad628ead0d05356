/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * U²-Netp (the 4.6 MB salient-object network of U²-Net, Apache-2.0; see models/README.md) on ONNX Runtime's
 * native CPU build. It has no idea what a person is, but its edges follow the photo: an earring hanging
 * beside a dark neck, a dark shoulder on a dark door, a cap's rim against a flag. The matte uses it only
 * near the person the selfie model found (stages/matte.ts).
 */
export interface SalientModel {
  /** Salient-object probabilities (0..1, row-major SALIENT_SIZE²) for an interleaved RGB SALIENT_SIZE² crop. */
  mask(rgb: Uint8Array): Promise<Float32Array>;
}

/**
 * The network itself: a normalised NCHW input (see salientInput) in, the mask out. ONNX Runtime's CPU
 * arena costs a few hundred MB, so a process holds one session and its pipeline threads reach it through
 * segmentation/salient-port.ts.
 * `run` is synchronous on the calling JS thread in onnxruntime-node 1.30 (it only defers to setImmediate):
 * two runs asked for at once take their turns, so only intra-op threads make one mask faster.
 */
export interface SalientSession {
  run(input: Float32Array): Promise<Float32Array>;
  /** Frees the native session (and its arena); no run may be pending. */
  release(): Promise<void>;
}

/** The network's input side: it was trained on 320² squares. */
export const SALIENT_SIZE = 320;

// ImageNet statistics, as the network was trained (after scaling the crop by its brightest value)
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/**
 * Loads the network from `file` (an .onnx file on disk; nothing is fetched). `threads`: ONNX Runtime's
 * intra-op threads for one run (see openSalientNetwork for who uses how many).
 */
export async function loadSalientSession(file: string, threads = 1): Promise<SalientSession> {
  const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
  const session = await ort.InferenceSession.create(file, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionProviders: ['cpu'],
    // the memory pattern pre-plans one block for all of a run's activations on top of what the arena
    // holds: a process with only this session peaked at 565 MB RSS with it, 372 MB without, at the same
    // CPU per run (379 vs 385 ms); the arena itself stays, as without it a run cost ~25 % more CPU
    enableMemPattern: false,
    // with more than one thread, ORT's idle ones spin for work between ops and after the run: on a
    // 2-core machine that spin takes the core the next pixel stage (or another process) needs
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  return {
    async run(x) {
      const input = new ort.Tensor('float32', x, [1, 3, SALIENT_SIZE, SALIENT_SIZE]);
      // the first output is the fused side outputs (d0), already through a sigmoid
      const out = await session.run({ [session.inputNames[0]]: input }, [session.outputNames[0]]);
      const t = out[session.outputNames[0]];
      const data = Float32Array.from(t.data as Float32Array);
      t.dispose();
      input.dispose();
      return data;
    },
    release: () => session.release(),
  };
}

/** The network's input for an interleaved RGB SALIENT_SIZE² crop: planar, scaled by its brightest value, ImageNet-normalised. */
export function salientInput(rgb: Uint8Array): Float32Array {
  const n = SALIENT_SIZE * SALIENT_SIZE;
  let max = 1;
  for (let i = 0; i < rgb.length; i++) if (rgb[i] > max) max = rgb[i];
  const x = new Float32Array(3 * n);
  for (let c = 0; c < 3; c++) {
    const k = 1 / (max * STD[c]), m = MEAN[c] / STD[c], o = c * n;
    for (let i = 0; i < n; i++) x[o + i] = rgb[i * 3 + c] * k - m;
  }
  return x;
}

/** The model on a session in this thread (createPipeline used directly: the CLI, the bench; the pool's salient thread serves its threads through salient-port.ts). */
export function localSalientModel(session: SalientSession): SalientModel {
  return { mask: (rgb) => session.run(salientInput(rgb)) };
}
