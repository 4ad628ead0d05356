import { canvasSize, checkResult, parseStyle, StyleSchema, type CheckCode, type CheckResult, type Style } from '@teamframe/shared-types';
import { decodeImage, DEFAULT_LIMITS, downscaleRaw, rotateRaw, type DecodeLimits, type RawImage, type SourceFormat } from './decode';
import { refineFace, detectFaces, faceStats, globalSharpness, isPlausibleFace, sceneLight, scaleFace, type FaceInfo, type FaceStats } from './detect';
import { loadModels, type Models } from './models';
import { PipelineError } from './errors';
import { cropResize, frameCanvas, lowSize } from './stages/crop';
import { clearOutsidePhoto, keepPersonComponent, maskOnGrid, mergeHead, refineMatte, segment, segmentHead, segmentSquare } from './stages/matte';
import { correctColour } from './stages/colour';
import { retouch } from './stages/retouch';
import { composite } from './stages/composite';
import { renderRenditions, type RenderedRendition } from './stages/renditions';
import { removeRedEye } from './stages/red-eye';
import { faceDetail, photoBlockGrid, type FaceDetail } from './stages/detail';
import { measureOnHead } from './stages/on-head';
import { chooseFrame, framingSearchSquare, personExtent, type FrameGeometry, type FramingLimit, type PersonExtent } from './stages/framing';
import { qualityFigures, type SkinReport } from './quality';

/** Thresholds of the photo checks (all overridable). */
export interface CheckThresholds {
  /** Face height (forehead to chin) below this many source px → FACE_TOO_SMALL. */
  minFacePx: number;
  /** Face height below this share of the image height → FACE_TOO_SMALL. */
  minFaceFraction: number;
  /** Share of face landmarks outside the image above this → FACE_CUT_OFF. */
  maxOutsideFraction: number;
  /** |yaw| or |pitch| above this many degrees → HEAD_TURNED. */
  maxYawDeg: number;
  maxPitchDeg: number;
  /** Face luma below → TOO_DARK; above (or clipped share above maxClipped) → TOO_BRIGHT. */
  minFaceLuma: number;
  maxFaceLuma: number;
  maxClipped: number;
  /** Face sharpness (Laplacian energy at 128 px face) below → BLURRY. */
  minSharpness: number;
  /**
   * A face darker than this is TOO_DARK when even the brightest 2 % of the photo stays below
   * `maxDarkSceneP98` (the whole photo is underexposed: lifting it shows noise), and BACKLIT when the
   * surroundings of the head are brighter than the face by `backlitContrast`. A dark face in a
   * well-exposed photo is dark skin and passes.
   */
  darkFaceLuma: number;
  maxDarkSceneP98: number;
  backlitContrast: number;
  /** Whole-image sharpness below this, when no face is found → BLURRY instead of NO_FACE. */
  minGlobalSharpness: number;
  /** Face-mesh confidence below this → not a face (NO_FACE): objects the detector matched score lower. */
  minFaceScore: number;
  /**
   * LOW_DETAIL: the face's edges line up on a block grid at least this strongly (pixelated or saved at a
   * very low JPEG quality), or its real detail (face height over block size or enlargement) is fewer px
   * than `minDetailFacePx`. When no face is found, a grid of `minPhotoBlockStrength` over the middle of
   * the photo says the same.
   */
  maxBlockStrength: number;
  minDetailFacePx: number;
  minPhotoBlockStrength: number;
  /**
   * SOMETHING_ON_HEAD: what the salient network sees resting on the head beyond the selfie model's
   * person, in face heights² (stages/on-head.ts; photos 0–0.05, a monkey on a cap 0.59–0.78).
   */
  maxOnHead: number;
}

export const DEFAULT_THRESHOLDS: CheckThresholds = {
  minFacePx: 56,
  minFaceFraction: 0.04,
  maxOutsideFraction: 0.1,
  // a three-quarter view (the backlit test portrait, 25°) passes; a profile (the cameraman, 37°) does not
  maxYawDeg: 30,
  maxPitchDeg: 35,
  minFaceLuma: 0.1,
  maxFaceLuma: 0.9,
  maxClipped: 0.35,
  // the test photos' portraits measure 50–1300, a gaussian-blurred selfie (sigma 8) 3.7 and a
  // clearly soft held-out selfie 27
  minSharpness: 30,
  darkFaceLuma: 0.3,
  maxDarkSceneP98: 0.5,
  backlitContrast: 0.45,
  minGlobalSharpness: 1.5,
  minFaceScore: 0.95,
  // the shared portraits measure 0.03–0.09; pixelated 8–24× 0.59–0.96, JPEG quality 5 0.16–0.45
  maxBlockStrength: 0.15,
  minDetailFacePx: 56,
  minPhotoBlockStrength: 0.45,
  maxOnHead: 0.2,
};

export interface PipelineOptions {
  limits?: Partial<DecodeLimits>;
  thresholds?: Partial<CheckThresholds>;
  /** Long side of the image the face detector sees (default 1024). */
  detectSize?: number;
}

/** What the detector found, in upright source pixels. */
export interface FaceReport {
  box: { x: number; y: number; width: number; height: number };
  leftEye: { x: number; y: number };
  rightEye: { x: number; y: number };
  faceHeight: number;
  score: number;
  yaw: number;
  pitch: number;
  roll: number;
}

export interface PrecheckResult {
  ok: boolean;
  checks: CheckResult[];
  face?: FaceReport;
  /** Upright source size (0 when the header could not be read). */
  width: number;
  height: number;
  format?: SourceFormat | string;
  /** Clockwise rotation applied because the photo's orientation was wrong (0 normally). */
  rotationApplied: number;
  stats?: FaceStats;
  /** The face's real detail: block grid, enlargement and effective face height (photo px). */
  detail?: FaceDetail;
  /** Where the style's framing would put the face (absent when no single face was found). */
  framing?: FramingReport;
  timingsMs: Record<string, number>;
}

/** Where the framing ended up against the style's targets, and which photo edges moved it. */
export interface FramingReport {
  target: { eyeLine: number; faceHeight: number; centre: number };
  placed?: { eyeLine: number; faceHeight: number; centre: number };
  /** Photo edges the person touches that the target framing would have crossed. */
  limitedBy: FramingLimit[];
}

export type Rendition = RenderedRendition;

export interface QualityReport {
  /** 0..1 overall score. */
  qualityScore: number;
  warnings: { code: string; message: string }[];
  timingsMs: Record<string, number>;
  face?: FaceReport;
  source: { width: number; height: number; format?: string; rotationApplied: number; hadAlpha?: boolean; colourSpace?: string };
  canvas?: { width: number; height: number };
  /** Eye line and face height as placed on the canvas (fractions of the canvas height). */
  eyeLine?: number;
  faceHeightRatio?: number;
  /** Horizontal centre of the face on the canvas (fraction of the width). */
  faceCentreX?: number;
  /** Canvas px per source px (> 1 means the photo was enlarged). */
  upscale?: number;
  framing?: FramingReport;
  sharpness?: number;
  exposure?: { faceLumaBefore: number; faceLumaAfter: number; gain: number; target: number };
  /** Mean face-skin colour before and after colour correction (CIELAB), and the hue and lightness change. */
  skin?: SkinReport;
  whiteBalanceGains?: [number, number, number];
  backgroundColour?: string;
  matte?: { coverage: number; uncertain: number };
  styleName?: string;
}

export interface ProcessResult {
  ok: boolean;
  checks: CheckResult[];
  renditions: Rendition[];
  report: QualityReport;
}

export interface ProcessOptions {
  /** Brand image bytes for a style with `background.type = "image"`. */
  backgroundImage?: Buffer;
}

/** The headshot engine. Create once per process (models load once) and reuse. */
export interface Pipeline {
  /**
   * Fast decode + detect + checks for the upload page, including whether the style's framing fits the
   * photo (default style when none is given). Never throws for a bad photo.
   */
  precheck(bytes: Buffer, style?: Style | unknown): Promise<PrecheckResult>;
  /** Full pipeline: checks, matte, framing, background, colour, retouch, renditions, report. */
  process(bytes: Buffer, style: Style | unknown, options?: ProcessOptions): Promise<ProcessResult>;
  /** Milliseconds the model load took (0 when the models were already loaded in this process). */
  readonly modelLoadMs: number;
  readonly backend: string;
}

function timer() {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const t0 = t;
  return {
    timings,
    lap(name: string) {
      const n = performance.now();
      timings[name] = Math.round((n - t) * 10) / 10;
      t = n;
    },
    total() {
      timings.total = Math.round((performance.now() - t0) * 10) / 10;
    },
  };
}

function faceReport(f: FaceInfo): FaceReport {
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    box: { x: r(f.box.x), y: r(f.box.y), width: r(f.box.width), height: r(f.box.height) },
    leftEye: { x: r(f.leftEye.x), y: r(f.leftEye.y) },
    rightEye: { x: r(f.rightEye.x), y: r(f.rightEye.y) },
    faceHeight: r(f.faceHeight),
    score: Math.round(f.score * 1000) / 1000,
    yaw: r(f.yaw),
    pitch: r(f.pitch),
    roll: r(f.roll),
  };
}

interface Analysis {
  ok: boolean;
  checks: CheckResult[];
  /** Upright copy decoded for the detector (rotated if needed; the full photo when it is small). */
  source?: RawImage;
  face?: FaceInfo;
  stats?: FaceStats;
  detail?: FaceDetail;
  rotation: number;
  width: number;
  height: number;
  format?: string;
  hadAlpha?: boolean;
  colourSpace?: string;
  framing?: FramingReport;
  frame?: FrameGeometry;
}

const DEFAULT_STYLE: Style = StyleSchema.parse({});

/** A photo's own enlargement from which its renditions are sized against its real detail (see realDetailShrink). */
const SURE_SOURCE_ENLARGEMENT = 2;

function parseOrThrow(input: unknown): Style {
  const parsed = parseStyle(input);
  if (!parsed.success) throw new PipelineError('INVALID_STYLE', `invalid style: ${parsed.message}`, parsed.issues);
  return parsed.style;
}

/** A person extent measured on a shrunk copy, in the source's pixels (an edge stays an edge). */
function scaleExtent(e: PersonExtent, k: number, smallH: number, srcH: number): PersonExtent {
  const span = (s: [number, number] | null): [number, number] | null => (s ? [s[0] * k, s[1] * k] : null);
  return { touchesTop: e.touchesTop, bodyBottom: e.bodyBottom >= smallH ? srcH : e.bodyBottom * k, left: span(e.left), right: span(e.right) };
}

/** A frame chosen on the photo's full pixel grid, on a copy decoded `k` times its size. */
function scaleFrame(f: FrameGeometry, k: number): FrameGeometry {
  return { ...f, scale: f.scale / k, rect: { x: f.rect.x * k, y: f.rect.y * k, w: f.rect.w * k, h: f.rect.h * k } };
}

/** Creates a pipeline; loads the models once per process. */
export async function createPipeline(opts: PipelineOptions = {}): Promise<Pipeline> {
  const limits: DecodeLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const th: CheckThresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  const detectSize = opts.detectSize ?? 1024;
  const t0 = performance.now();
  const models: Models = await loadModels();
  const modelLoadMs = performance.now() - t0 > 5 ? models.loadMs : 0;

  async function analyse(bytes: Buffer, style: Style, t: ReturnType<typeof timer>): Promise<Analysis> {
    // shrink-on-load: checks and framing need only a detector-sized copy (precheck and process alike)
    const dec = await decodeImage(bytes, limits, detectSize);
    t.lap('decode');
    if (!dec.ok) {
      return { ok: false, checks: [checkResult(dec.code)], rotation: 0, width: dec.width ?? 0, height: dec.height ?? 0, format: dec.format };
    }
    const base = { width: dec.sourceWidth, height: dec.sourceHeight, format: dec.format, hadAlpha: dec.hadAlpha, colourSpace: dec.colourSpace };
    const { image: small, scale: s0 } = await downscaleRaw(dec.image, detectSize);
    // faces are reported in upright source pixels, also when the precheck decoded a shrunk image
    const scale = s0 * (dec.image.width / Math.max(1, dec.sourceWidth));
    const det = await detectFaces(models, small);
    t.lap('detect');
    let source = dec.image;
    if (det.rotation) source = await rotateRaw(source, det.rotation);
    const fail = (codes: CheckCode[], extra: Partial<Analysis> = {}): Analysis => ({ ok: false, checks: codes.map(checkResult), rotation: det.rotation, source, ...base, ...extra });
    if (!det.faces.length) {
      // a face pixelated beyond recognition is still a photo with too little detail, not a missing face
      const code: CheckCode = globalSharpness(small) < th.minGlobalSharpness ? 'BLURRY' : photoBlockGrid(small).strength >= th.minPhotoBlockStrength ? 'LOW_DETAIL' : 'NO_FACE';
      t.lap('checks');
      return fail([code]);
    }
    if (det.faces.length > 1) {
      t.lap('checks');
      return fail(['MULTIPLE_FACES'], { face: scaleFace(det.faces[0], 1 / scale) });
    }
    const faceSmall = await refineFace(models, det.image, det.faces[0], cropResize);
    if (!isPlausibleFace(det.faces[0], th.minFaceScore) || !isPlausibleFace(faceSmall, th.minFaceScore)) {
      // a blurred face also leaves the mesh model unsure: say what the employee can fix
      const blurred = faceStats(det.image, faceSmall).sharpness < th.minSharpness || globalSharpness(small) < th.minGlobalSharpness;
      const code: CheckCode = blurred ? 'BLURRY' : 'NO_FACE';
      t.lap('checks');
      return fail([code]);
    }
    const face = scaleFace(faceSmall, 1 / scale);
    const stats = faceStats(det.image, faceSmall);
    const codes: CheckCode[] = [];
    const h = det.rotation === 90 || det.rotation === 270 ? base.width : base.height;
    if (face.faceHeight < th.minFacePx || face.faceHeight < th.minFaceFraction * h) codes.push('FACE_TOO_SMALL');
    if (face.outsideFraction > th.maxOutsideFraction) codes.push('FACE_CUT_OFF');
    if (Math.abs(face.yaw) > th.maxYawDeg || Math.abs(face.pitch) > th.maxPitchDeg) codes.push('HEAD_TURNED');
    const light = sceneLight(det.image, faceSmall);
    const dark = stats.luma < th.darkFaceLuma;
    if (stats.luma < th.minFaceLuma || (dark && light.p98 < th.maxDarkSceneP98)) codes.push('TOO_DARK');
    else if (dark && light.surround > stats.luma + th.backlitContrast) codes.push('BACKLIT');
    else if (stats.luma > th.maxFaceLuma || stats.clipped > th.maxClipped) codes.push('TOO_BRIGHT');
    if (stats.sharpness < th.minSharpness && stats.luma >= th.minFaceLuma) codes.push('BLURRY');
    const detail = faceDetail(det.image, faceSmall, scale);
    if (!codes.includes('FACE_TOO_SMALL') && (detail.blockStrength >= th.maxBlockStrength || detail.effectiveFaceHeight < th.minDetailFacePx)) codes.push('LOW_DETAIL');
    t.lap('checks');
    const turned = det.rotation === 90 || det.rotation === 270;
    const srcW = turned ? base.height : base.width;
    const srcH = turned ? base.width : base.height;
    // framing: where the person meets the photo's edges decides whether the style's canvas fits
    const square = framingSearchSquare(faceSmall, style, det.image.width, det.image.height);
    const cx = (faceSmall.eyeCentre.x + faceSmall.chin.x) / 2, cy = (faceSmall.eyeCentre.y + faceSmall.chin.y) / 2;
    const selfie = await segmentSquare(models, det.image, square);
    const person = keepPersonComponent(selfie, 256, 256, ((cx - square.x) / square.w) * 256, ((cy - square.y) / square.h) * 256);
    if ((await measureOnHead(models, det.image, square, selfie, faceSmall)).salient > th.maxOnHead) codes.push('SOMETHING_ON_HEAD');
    const extent = scaleExtent(personExtent(person, 256, square, det.image.width, det.image.height, faceSmall), 1 / scale, det.image.height, srcH);
    const decision = chooseFrame(face, style, srcW, extent);
    const f = style.framing;
    const framing: FramingReport = { target: { eyeLine: f.eyeLine, faceHeight: f.faceHeight, centre: 0.5 }, limitedBy: decision.ok ? decision.frame.limitedBy : decision.limitedBy };
    if (decision.ok) framing.placed = decision.frame.placed;
    else codes.push(...decision.codes);
    t.lap('framing');
    return { ok: codes.length === 0, checks: codes.map(checkResult), source, face, stats, detail, rotation: det.rotation, ...base, width: srcW, height: srcH, framing, frame: decision.ok ? decision.frame : undefined };
  }

  async function precheck(bytes: Buffer, styleInput?: Style | unknown): Promise<PrecheckResult> {
    const style = styleInput === undefined ? DEFAULT_STYLE : parseOrThrow(styleInput);
    const t = timer();
    try {
      const a = await analyse(bytes, style, t);
      t.total();
      return { ok: a.ok, checks: a.checks, face: a.face ? faceReport(a.face) : undefined, width: a.width, height: a.height, format: a.format, rotationApplied: a.rotation, stats: a.stats, detail: a.detail, framing: a.framing, timingsMs: t.timings };
    } catch (e) {
      if (e instanceof PipelineError) throw e;
      throw new PipelineError('INTERNAL', `precheck failed: ${(e as Error).message}`, e);
    }
  }

  async function process(bytes: Buffer, styleInput: Style | unknown, options: ProcessOptions = {}): Promise<ProcessResult> {
    const style = parseOrThrow(styleInput);
    if (style.background.type === 'image' && !options.backgroundImage) {
      throw new PipelineError('BACKGROUND_IMAGE_MISSING', `style background "${style.background.ref}" needs options.backgroundImage`);
    }
    const t = timer();
    try {
      const a = await analyse(bytes, style, t);
      const report: QualityReport = {
        qualityScore: 0,
        warnings: [],
        timingsMs: t.timings,
        face: a.face ? faceReport(a.face) : undefined,
        source: { width: a.width, height: a.height, format: a.format, rotationApplied: a.rotation, hadAlpha: a.hadAlpha, colourSpace: a.colourSpace },
        styleName: style.name,
        framing: a.framing,
      };
      if (!a.ok || !a.source || !a.face || !a.frame) {
        t.total();
        return { ok: false, checks: a.checks, renditions: [], report };
      }
      // decode again, shrunk on load to what the canvas needs (a 49 MP photo is never held whole)
      const long = Math.max(a.width, a.height);
      const needed = Math.ceil(long * Math.min(1, a.frame.scale * 1.15));
      let src = a.source;
      if (Math.max(src.width, src.height) < needed) {
        const dec = await decodeImage(bytes, limits, needed);
        if (!dec.ok) {
          t.total();
          return { ok: false, checks: [checkResult(dec.code)], renditions: [], report };
        }
        src = a.rotation ? await rotateRaw(dec.image, a.rotation) : dec.image;
      }
      t.lap('load');
      const k = src.width / a.width;
      const face = scaleFace(a.face, k);
      const { width: W, height: H } = canvasSize(style);

      // frame (chosen with the checks, so the upload page refused what no framing fits)
      const frame = scaleFrame(a.frame, k);
      const framed = await frameCanvas(src, frame);
      t.lap('frame');
      const toCanvas = (p: { x: number; y: number }) => ({ x: (p.x - frame.rect.x) * frame.scale, y: (p.y - frame.rect.y) * frame.scale });

      // matte
      const [seg, head] = await Promise.all([segment(models, src, frame), segmentHead(models, src, face)]);
      const low = lowSize(W, H, 640);
      const eyeLow = { x: ((face.eyeCentre.x - frame.rect.x) / frame.rect.w) * low.w, y: ((face.eyeCentre.y - frame.rect.y) / frame.rect.h) * low.h };
      const merged = mergeHead(head, frame, maskOnGrid(seg.mask, seg.square, frame, low.w, low.h), low.w, low.h);
      const coarse = keepPersonComponent(merged, low.w, low.h, eyeLow.x, eyeLow.y);
      const matte = await refineMatte(framed.data, W, H, coarse, low.w, low.h);
      clearOutsidePhoto(matte, frame, src.width, src.height);
      t.lap('matte');

      // colour
      const fc = { x: face.box.x, y: face.box.y + face.box.height * 0.15, w: face.box.width, h: face.box.height * 0.7 };
      const tl = toCanvas({ x: fc.x + fc.w * 0.2, y: fc.y });
      const { canvas: corrected, correction: cc } = correctColour({ canvas: framed, skinBox: { x: tl.x, y: tl.y, w: fc.w * 0.6 * frame.scale, h: fc.h * frame.scale }, style, alpha: matte.alpha });
      t.lap('colour');

      // retouch
      const eyes: [{ x: number; y: number }, { x: number; y: number }] = [toCanvas(face.leftEye), toCanvas(face.rightEye)];
      const { canvas: clearEyed, pixels: redEyePixels } = removeRedEye({ canvas: corrected, eyes });
      const { canvas } = retouch({ canvas: clearEyed, face: { eyes, chin: toCanvas(face.chin), forehead: toCanvas(face.forehead), faceHeight: face.faceHeight * frame.scale }, strength: style.retouch.strength });
      t.lap('retouch');

      // background + composite
      const comp = await composite({ canvas, matte, style, backgroundImage: options.backgroundImage });
      t.lap('background');

      // renditions
      const eyeC = toCanvas(face.eyeCentre);
      const foreheadC = toCanvas(face.forehead);
      const chinC = toCanvas(face.chin);
      const faceC = { centre: { x: (foreheadC.x + chinC.x) / 2, y: (foreheadC.y + chinC.y) / 2 }, height: face.faceHeight * frame.scale, eyeY: eyeC.y };
      const renditions = await renderRenditions(comp, W, H, faceC, style, frame.placed.eyeLine, a.frame.scale * realDetailShrink(a.detail));
      t.lap('renditions');

      // report
      const faceOnCanvas = { eyeY: faceC.eyeY, centreX: faceC.centre.x, height: faceC.height, yaw: face.yaw, roll: face.roll };
      Object.assign(report, qualityFigures({ canvas: { width: W, height: H }, face: faceOnCanvas, stats: a.stats, upscale: a.frame.scale, framing: a.framing, placed: frame.placed, colour: cc, exposureTarget: style.colour.exposureTarget, matte, backgroundColour: comp.backgroundColour, renditions, redEyePixels }));
      t.lap('report');
      t.total();
      return { ok: true, checks: [], renditions, report };
    } catch (e) {
      if (e instanceof PipelineError) throw e;
      throw new PipelineError('INTERNAL', `process failed: ${(e as Error).message}`, e);
    }
  }

  return { precheck, process, modelLoadMs, backend: models.backend };
}

/**
 * How many photo pixels carry one pixel of real detail: the photo's own enlargement when it clearly is an
 * enlarged file (a small photo saved big), else 1. Renditions are sized against real detail, so an
 * upscaled file does not make a bigger print than the photo it came from. Below 2× the estimate is not
 * sure enough (a soft but genuine photo reads 1.2–1.6×) to shrink anyone's print on it.
 */
function realDetailShrink(detail: FaceDetail | undefined): number {
  const e = detail?.sourceEnlargement ?? 1;
  return e >= SURE_SOURCE_ENLARGEMENT ? e : 1;
}
