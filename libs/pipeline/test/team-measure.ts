import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * The demo's team figures, measured the way ../shared/measure measures them and sharing no code with
 * the engine: its own Human instance (default detector settings of the measuring stick, not detect.ts)
 * finds the face on each output; eye line and face height as fractions of the height, and the spread
 * (population std, in % of the height) across the team.
 */
export interface TeamFigures {
  images: number;
  oneFace: number;
  eyeLineStdPct: number;
  faceHeightStdPct: number;
  /** Largest CIE76 ΔE between two outputs' backgrounds (mean colour of the two top corners). */
  backgroundMaxDeltaE: number;
  /** Each output's eye line (fraction of its height; NaN where not exactly one face was found), in input order. */
  eyeLines: number[];
}

function lab([r, g, b]: number[]): number[] {
  const lin = (c: number) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const [R, G, B] = [lin(r), lin(g), lin(b)];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const X = f((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047), Y = f(0.2126 * R + 0.7152 * G + 0.0722 * B), Z = f((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883);
  return [116 * Y - 16, 500 * (X - Y), 200 * (Y - Z)];
}

async function cornerColour(bytes: Buffer): Promise<number[]> {
  const m = await sharp(bytes).metadata();
  const s = Math.max(4, Math.round(Math.min(m.width!, m.height!) * 0.06));
  const mean = async (left: number) => (await sharp(bytes).extract({ left, top: 0, width: s, height: s }).removeAlpha().stats()).channels.map((c) => c.mean);
  const [a, b] = [await mean(0), await mean(m.width! - s)];
  return a.map((v, i) => (v + b[i]) / 2);
}

export async function measureTeam(files: Buffer[]): Promise<TeamFigures> {
  const modules = path.resolve(__dirname, '../../../node_modules');
  const humanDir = path.join(modules, '@vladmandic/human');
  const wasmDir = path.join(modules, '@tensorflow/tfjs-backend-wasm/dist') + '/';
  const modelDir = path.join(humanDir, 'models');
  // the wasm build loads models with fetch (no file: scheme in Node): serve them on loopback
  const server = http.createServer((req, res) => {
    fs.readFile(path.join(modelDir, path.basename(decodeURIComponent((req.url ?? '').split('?')[0]))), (err, buf) => {
      if (err) { res.statusCode = 404; res.end(); } else res.end(buf);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const Human = require(path.join(humanDir, 'dist/human.node-wasm.js')).default;
    const human = new Human({
      backend: 'wasm',
      wasmPath: wasmDir,
      modelBasePath: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      debug: false,
      face: { enabled: true, detector: { rotation: false, maxDetected: 10, minConfidence: 0.4, return: false }, mesh: { enabled: true }, iris: { enabled: true }, description: { enabled: false }, emotion: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false } },
      body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: false }, segmentation: { enabled: false },
    });
    await human.load();
    const eye: number[] = [], fh: number[] = [], bg: number[][] = [], eyeLines: number[] = [];
    let oneFace = 0;
    for (const bytes of files) {
      const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const tensor = human.tf.tensor(new Uint8Array(data), [1, info.height, info.width, 3], 'int32');
      const res = await human.detect(tensor);
      tensor.dispose();
      bg.push(lab(await cornerColour(bytes)));
      if (res.face.length !== 1) { eyeLines.push(NaN); continue; }
      oneFace++;
      const f = res.face[0];
      const ann = f.annotations;
      const centre = (pts: number[][]) => pts.reduce((s, p) => s + p[1], 0) / pts.length;
      const eyeY = ann.leftEyeIris && ann.rightEyeIris ? (centre(ann.leftEyeIris) + centre(ann.rightEyeIris)) / 2 : f.box[1] + f.box[3] * 0.4;
      eye.push(eyeY / info.height);
      eyeLines.push(eyeY / info.height);
      fh.push(f.box[3] / info.height);
    }
    const std = (a: number[]) => { const m = a.reduce((s, v) => s + v, 0) / a.length; return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length) * 100; };
    let backgroundMaxDeltaE = 0;
    for (const a of bg) for (const b of bg) backgroundMaxDeltaE = Math.max(backgroundMaxDeltaE, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    return { images: files.length, oneFace, eyeLineStdPct: std(eye), faceHeightStdPct: std(fh), backgroundMaxDeltaE, eyeLines };
  } finally {
    server.close();
  }
}
