import sharp from 'sharp';
import type { Style } from '@teamframe/shared-types';
import { blur3, clamp, hexToRgb, linearToSrgb, makeUpsampler, rgbToHex, smoothstep, srgbToLinear, toPlanes } from '../imageops';
import { PipelineError } from '../errors';
import type { MatteResult } from './matte';

export interface Composite {
  rgb: Buffer;
  /** Straight (not premultiplied) RGBA cut-out: decontaminated person colour + alpha. */
  rgba: Buffer;
  backgroundColour: string;
}

/** Background behind the person + composite at full resolution, with edge colour decontamination. */
export async function composite(canvas: Buffer, W: number, H: number, matte: MatteResult, style: Style, backgroundImage?: Buffer): Promise<Composite> {
  const { w, h, alpha: la } = matte.low;
  const small = await sharp(canvas, { raw: { width: W, height: H, channels: 3 } }).resize(w, h, { fit: 'fill' }).raw().toBuffer();
  const I = toPlanes(small, w * h);
  // foreground colour estimate near edges: the colours of surely-person pixels nearby only, so a soft
  // edge takes the hair's or the jacket's colour and none of the original backdrop's (no light halo)
  const a2 = new Float32Array(w * h);
  for (let i = 0; i < a2.length; i++) a2[i] = la[i] > 0.97 ? 1 : 0;
  const rF = Math.max(2, Math.round(Math.max(w, h) / 100));
  const den = blur3(a2, w, h, rF);
  const F = I.map((P) => {
    const t = new Float32Array(w * h);
    for (let i = 0; i < t.length; i++) t[i] = P[i] * a2[i];
    const num = blur3(t, w, h, rF);
    for (let i = 0; i < t.length; i++) t[i] = den[i] > 1e-3 ? num[i] / den[i] : P[i];
    return t;
  });

  // background planes (low res for blur/gradient, full res buffer for an image)
  const bg = style.background;
  let B: Float32Array[] | null = null;
  let bgFull: Buffer | null = null;
  let solid: [number, number, number] | null = null;
  let grad: { from: number[]; to: number[]; dx: number; dy: number } | null = null;
  if (bg.type === 'solid') solid = hexToRgb(bg.colour);
  else if (bg.type === 'gradient') {
    const ang = (bg.angle * Math.PI) / 180;
    grad = { from: hexToRgb(bg.from).map((v) => srgbToLinear(v / 255)), to: hexToRgb(bg.to).map((v) => srgbToLinear(v / 255)), dx: Math.sin(ang), dy: Math.cos(ang) };
  } else if (bg.type === 'blur') {
    const inv = new Float32Array(w * h);
    const ins = matte.low.inside;
    for (let i = 0; i < inv.length; i++) { const v = 1 - la[i]; inv[i] = v * v * (ins ? ins[i] * ins[i] : 1); }
    const r = Math.max(2, Math.round((Math.max(w, h) / 18) * (0.25 + bg.strength)));
    const d1 = blur3(inv, w, h, r), d2 = blur3(inv, w, h, r * 4);
    B = I.map((P) => {
      const t = new Float32Array(w * h);
      for (let i = 0; i < t.length; i++) t[i] = P[i] * inv[i];
      const n1 = blur3(t, w, h, r), n2 = blur3(t, w, h, r * 4);
      const out = new Float32Array(w * h);
      let fallback = 0, fn = 0;
      for (let i = 0; i < t.length; i++) if (d2[i] > 1e-3) { fallback += n2[i] / d2[i]; fn++; }
      fallback = fn ? fallback / fn : 0.5;
      for (let i = 0; i < t.length; i++) {
        const v1 = d1[i] > 1e-4 ? n1[i] / d1[i] : fallback;
        const v2 = d2[i] > 1e-4 ? n2[i] / d2[i] : fallback;
        const k = smoothstep(0.02, 0.2, d1[i]);
        out[i] = clamp((v2 + (v1 - v2) * k) * bg.brightness, 0, 1);
      }
      return blur3(out, w, h, Math.max(1, r / 3));
    });
  } else if (bg.type === 'image') {
    if (!backgroundImage) throw new PipelineError('BACKGROUND_IMAGE_MISSING', `style background "${bg.ref}" needs the brand image bytes (options.backgroundImage)`);
    try {
      let p = sharp(backgroundImage, { limitInputPixels: 50_000_000 }).rotate().resize(W, H, { fit: 'cover' }).flatten({ background: '#ffffff' });
      if (bg.blur > 0) p = p.blur(0.3 + bg.blur * (Math.max(W, H) / 60));
      bgFull = await p.toColourspace('srgb').removeAlpha().raw().toBuffer();
    } catch (e) {
      throw new PipelineError('BACKGROUND_IMAGE_INVALID', `brand image could not be read: ${(e as Error).message}`);
    }
  }

  let gradLut: Float32Array | null = null;
  if (grad) {
    gradLut = new Float32Array(4096 * 3);
    for (let k = 0; k < 4096; k++) for (let c = 0; c < 3; c++) gradLut[k * 3 + c] = linearToSrgb(grad.from[c] + (grad.to[c] - grad.from[c]) * (k / 4095)) * 255;
  }
  const rgb = Buffer.allocUnsafe(W * H * 3);
  const rgba = Buffer.allocUnsafe(W * H * 4);
  const up = makeUpsampler(w, h, W, H);
  const alpha = matte.alpha;
  let bgSum = [0, 0, 0], bgN = 0;
  const diag = Math.hypot(W, H);
  for (let y = 0; y < H; y++) {
    const row = up.row(y);
    for (let x = 0; x < W; x++) {
      const i = y * W + x, j = i * 3, k4 = i * 4;
      const a = alpha[i];
      if (a >= 0.999) {
        rgb[j] = canvas[j]; rgb[j + 1] = canvas[j + 1]; rgb[j + 2] = canvas[j + 2];
        rgba[k4] = canvas[j]; rgba[k4 + 1] = canvas[j + 1]; rgba[k4 + 2] = canvas[j + 2]; rgba[k4 + 3] = 255;
        continue;
      }
      // background pixel
      let br: number, bgc: number, bb: number;
      if (solid) { br = solid[0]; bgc = solid[1]; bb = solid[2]; }
      else if (grad) {
        const t = clamp(((x - W / 2) * grad.dx + (y - H / 2) * grad.dy) / (diag * 0.5) * 0.5 + 0.5, 0, 1);
        const dither = ((x * 7 + y * 13) % 5) / 5 - 0.4;
        const g = Math.round(t * 4095) * 3;
        br = gradLut![g] + dither;
        bgc = gradLut![g + 1] + dither;
        bb = gradLut![g + 2] + dither;
      } else if (B) { br = up.at(B[0], row, x) * 255; bgc = up.at(B[1], row, x) * 255; bb = up.at(B[2], row, x) * 255; }
      else if (bgFull) { br = bgFull[j]; bgc = bgFull[j + 1]; bb = bgFull[j + 2]; }
      else { br = bgc = bb = 128; }
      // foreground colour: original where solidly person, decontaminated estimate at soft edges
      let fr = canvas[j], fg = canvas[j + 1], fb = canvas[j + 2];
      if (a < 0.98) {
        const m = 1 - smoothstep(0.8, 0.98, a);
        fr += (up.at(F[0], row, x) * 255 - fr) * m;
        fg += (up.at(F[1], row, x) * 255 - fg) * m;
        fb += (up.at(F[2], row, x) * 255 - fb) * m;
      }
      rgb[j] = clamp(Math.round(fr * a + br * (1 - a)), 0, 255);
      rgb[j + 1] = clamp(Math.round(fg * a + bgc * (1 - a)), 0, 255);
      rgb[j + 2] = clamp(Math.round(fb * a + bb * (1 - a)), 0, 255);
      rgba[k4] = clamp(Math.round(fr), 0, 255); rgba[k4 + 1] = clamp(Math.round(fg), 0, 255); rgba[k4 + 2] = clamp(Math.round(fb), 0, 255);
      rgba[k4 + 3] = Math.round(a * 255);
      if (a < 0.05 && (i & 15) === 0) { bgSum[0] += br; bgSum[1] += bgc; bgSum[2] += bb; bgN++; }
    }
  }
  if (!bgN) bgSum = [128, 128, 128];
  return { rgb, rgba, backgroundColour: bgN ? rgbToHex(bgSum[0] / bgN, bgSum[1] / bgN, bgSum[2] / bgN) : '#808080' };
}
