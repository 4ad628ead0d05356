import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { PipelinePool } from '@teamframe/pipeline';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TESTDATA } from './support/test-env';

// The compiled engine, as the API runs it: its pool starts worker threads from the built files.
const { cleanOriginal, createPipelinePool } = createRequire(__filename)(path.join(REPO_ROOT, 'libs/pipeline/dist/index.js')) as typeof import('@teamframe/pipeline');

/** A 32×32 grey thumbnail, for comparing what two images show. */
async function thumb(image: Buffer | sharp.Sharp, rotate = 0): Promise<Buffer> {
  const s = Buffer.isBuffer(image) ? sharp(image) : image;
  return s.rotate(rotate).resize(32, 32, { fit: 'fill' }).greyscale().raw().toBuffer();
}
const distance = (a: Buffer, b: Buffer) => a.reduce((n, v, i) => n + Math.abs(v - b[i]), 0) / a.length;

/** The quarter turn (0, 90, 180, 270) that makes `image` look most like the upright reference. */
async function bestTurn(image: Buffer, reference: Buffer): Promise<{ turn: number; distances: number[] }> {
  const ref = await thumb(reference);
  const distances = await Promise.all([0, 90, 180, 270].map(async (t) => distance(await thumb(image, t), ref)));
  return { turn: [0, 90, 180, 270][distances.indexOf(Math.min(...distances))], distances };
}

// Issue 13: losing heic-decode, or the EXIF `.rotate()`, failed no test (the detector's rotation retry
// found the face anyway, and the HEIC row also accepted UNSUPPORTED_FORMAT). Both files are the
// astronaut portrait; both must pass the checks with no retry turn, and come out upright.
describe('HEIC and EXIF orientation reach the checks upright, with no rotation retry', () => {
  let pool: PipelinePool;
  const reference = readFileSync(path.join(TESTDATA, 'portraits/astronaut-collins.jpg'));

  beforeAll(async () => {
    pool = await createPipelinePool({ size: 1 });
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
  });

  it.each(['hard/exif-orientation-6.jpg', 'hard/iphone.heic'])('%s', async (file) => {
    const bytes = readFileSync(path.join(TESTDATA, file));
    const pre = await pool.precheck(bytes);
    expect({ ok: pre.ok, checks: pre.checks.map((c) => c.code) }).toEqual({ ok: true, checks: [] });
    expect(pre.rotationApplied).toBe(0);
    const clean = await cleanOriginal(bytes, pre.rotationApplied);
    if (!clean.ok) throw new Error(`${file}: ${clean.code} ${clean.detail}`);
    const { turn, distances } = await bestTurn(clean.bytes, reference);
    expect({ turn, distances }).toMatchObject({ turn: 0 });
  }, 120_000);

  it('tells an upright photo from a turned one (the comparison itself works)', async () => {
    const turned = await sharp(reference).rotate(90).jpeg().toBuffer();
    expect((await bestTurn(turned, reference)).turn).toBe(270);
  });
});
