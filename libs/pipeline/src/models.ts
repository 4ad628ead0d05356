import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PipelineError } from './errors';
import { loadSalientSession, localSalientModel, salientInput, SALIENT_SIZE, type SalientModel, type SalientSession } from './segmentation/u2netp';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

/** Finds an installed package's folder without going through its `exports` map. */
export function packageDir(name: string): string {
  const bases = require.resolve.paths(name) ?? [];
  for (const base of bases) {
    const dir = path.join(base, name);
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new PipelineError('MODEL_LOAD_FAILED', `package ${name} is not installed`);
}

/** Loaded model handles, shared by every pipeline in this process (or worker thread). */
export interface Models {
  tf: any;
  human: any;
  selfie: any;
  /** U²-Netp salient-object network: sharpens the selfie model's person outline (stages/matte.ts). */
  salient: SalientModel;
  loadMs: number;
  backend: string;
}

let loading: Promise<Models> | null = null;
let salientLoading: Promise<SalientSession> | null = null;
/** Where this process's pipelines get the salient network from: their own session, unless a pool thread says otherwise. */
let salientSource: () => Promise<SalientModel> = async () => localSalientModel(await loadSalientNetwork());

/**
 * Loads the salient network's session and runs it once (its first run pays ONNX Runtime's set-up, not a photo's).
 * `threads` per run: 1 for the pool's shared session (the pool's threads already keep every core busy with
 * pixel work while a mask runs), the machine's cores for a lone pipeline (see loadSalientNetwork).
 */
export async function openSalientNetwork(threads = 1): Promise<SalientSession> {
  try {
    const session = await loadSalientSession(path.join(__dirname, '..', 'models', 'u2netp.onnx'), threads);
    await session.run(salientInput(new Uint8Array(SALIENT_SIZE * SALIENT_SIZE * 3)));
    return session;
  } catch (e) {
    throw e instanceof PipelineError ? e : new PipelineError('MODEL_LOAD_FAILED', `could not load the salient network: ${(e as Error).message}`, e);
  }
}

/** Intra-op threads of a lone pipeline's session: its masks run while nothing else of it can (see SalientSession). */
const LONE_SALIENT_THREADS = Math.min(4, os.availableParallelism());

/** This process's own session for pipelines used directly (the CLI), loaded once; a failed load is retried by the next caller. */
function loadSalientNetwork(): Promise<SalientSession> {
  if (!salientLoading) {
    salientLoading = openSalientNetwork(LONE_SALIENT_THREADS).catch((e) => {
      salientLoading = null;
      throw e;
    });
  }
  return salientLoading;
}

/**
 * Makes this process's pipelines use `model` instead of loading the network themselves: a pool thread
 * asks its parent (worker.ts). Call before the first loadModels.
 */
export function useSalientModel(model: SalientModel): void {
  salientSource = async () => model;
}

/** tfjs IO handler that reads a graph model (model.json + shards) from disk: no fetch, no network. */
function fileIOHandler(tf: any, url: string) {
  const file = decodeURIComponent(url.replace(/^file:\/\//, ''));
  const dir = path.dirname(file);
  return {
    load: async () => {
      const json = JSON.parse(await fs.promises.readFile(file, 'utf8'));
      return tf.io.getModelArtifactsForJSON(json, async (manifest: { paths: string[]; weights: unknown[] }[]) => {
        const specs: unknown[] = [];
        const parts: Buffer[] = [];
        for (const group of manifest) {
          for (const p of group.paths) parts.push(await fs.promises.readFile(path.join(dir, p)));
          specs.push(...group.weights);
        }
        const all = Buffer.concat(parts);
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
      });
    },
  };
}

/** Loads the face detector (+ mesh + iris) and the two segmentation models once per process. */
export function loadModels(): Promise<Models> {
  if (!loading) {
    loading = doLoad().catch((e) => {
      loading = null;
      throw e instanceof PipelineError ? e : new PipelineError('MODEL_LOAD_FAILED', `could not load models: ${(e as Error).message}`, e);
    });
  }
  return loading;
}

async function doLoad(): Promise<Models> {
  const t0 = performance.now();
  const tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-converter');
  const humanDir = packageDir('@vladmandic/human');
  const wasmDir = path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + path.sep;
  const selfiePath = path.join(__dirname, '..', 'models', 'selfie.json');
  if (!(globalThis as any).__teamframeFileRouter) {
    tf.io.registerLoadRouter((url: unknown) => (typeof url === 'string' && url.startsWith('file://') ? fileIOHandler(tf, url) : null));
    (globalThis as any).__teamframeFileRouter = true;
  }
  const HumanMod = require(path.join(humanDir, 'dist', 'human.node-wasm.js'));
  const HumanCtor = HumanMod.Human ?? HumanMod.default;
  const human = new HumanCtor({
    backend: 'wasm',
    wasmPath: wasmDir,
    modelBasePath: 'file://' + path.join(humanDir, 'models') + '/',
    cacheModels: false,
    debug: false,
    async: true,
    warmup: 'none',
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 10, minConfidence: 0.3, iouThreshold: 0.2, return: false, skipFrames: 0 },
      mesh: { enabled: true },
      iris: { enabled: true },
      emotion: { enabled: false },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      attention: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    filter: { enabled: false },
    cacheSensitivity: 0,
  });
  await human.load();
  const backend = human.tf?.getBackend?.() ?? tf.getBackend();
  if (backend !== 'wasm') throw new PipelineError('MODEL_LOAD_FAILED', `expected the wasm backend, got ${backend}`);
  const converter = require('@tensorflow/tfjs-converter');
  const selfie = await converter.loadGraphModel('file://' + selfiePath);
  // warm both models once so the first photo is not slow
  const warm = tf.zeros([1, 256, 256, 3]);
  const out = selfie.predict(warm);
  (Array.isArray(out) ? out : [out]).forEach((t: any) => t.dispose());
  warm.dispose();
  const salient = await salientSource();
  return { tf, human, selfie, salient, loadMs: performance.now() - t0, backend };
}
