import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHECK_CODES } from '@teamframe/shared-types';

/** The shared photo folder: $TEAMFRAME_TESTDATA, else `<repo>/../shared/testdata`. */
export const TESTDATA = process.env.TEAMFRAME_TESTDATA ?? path.resolve(__dirname, '../../../../shared/testdata');

export interface ManifestRow {
  file: string;
  people: string;
  expected: string;
  /** Outcomes that pass: 'ok' and/or check codes. */
  allowed: string[];
  notes: string;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.length > 1);
}

/**
 * Photos the manifest lists as usable that the default framing (head and shoulders, face 0.36 ± 0.04 of
 * the canvas) now rightly refuses: the canvas would have to show body, hair or shoulder the photo does
 * not contain. Checked by eye on each photo.
 */
export const FRAMING_REFUSALS: Record<string, string> = {
  'portraits/biden-2.jpg': 'SHOULDERS_CUT_OFF', // face fills the frame; both shoulders run out of the sides
  'portraits/obama-2.jpg': 'SHOULDERS_CUT_OFF', // podium speech: the body meets both sides of a narrow crop
  'portraits/obama-3.jpg': 'BODY_CUT_OFF', // press-room still cut at the chest
  'portraits/p06_tfjs_depth_portrait_small.jpg': 'BODY_CUT_OFF', // face fills a 192×256 crop
  'portraits/p08_mediapipe_sergey.png': 'BODY_CUT_OFF', // tight face crop: no shoulders, hair cut at the top
  'portraits/p12_max_paul_rudd.jpg': 'BODY_CUT_OFF', // red-carpet crop at the chest, shoulders at the sides
  'portraits/p14_maxre_smiling_woman.png': 'BODY_CUT_OFF', // photo ends at the collar
};

/**
 * Photos the manifest lists as usable that a photo check now rightly refuses before the framing is
 * looked at (the framing may refuse them too). Checked by eye on each photo.
 */
export const CHECK_REFUSALS: Record<string, string> = {
  // a monkey stands on his cap: its feet stay on the cap in every crop (stages/on-head.ts)
  'hard/h11_man_with_monkey.jpg': 'SOMETHING_ON_HEAD',
};

/**
 * The same photos under the "Tight headshot" preset (face 0.46, eye line 0.45): a tight crop fits the
 * three close-ups a photographer would crop tight; the rest still need more of the photo than it shows.
 * Checked by eye on each output.
 */
export const TIGHT_FRAMING_OUTCOMES: Record<string, string> = {
  'portraits/biden-2.jpg': 'ok',
  'portraits/obama-2.jpg': 'ok',
  'portraits/obama-3.jpg': 'ok',
  // framed too, but no photographer would publish it: the monkey's feet stay on his cap
  'hard/h11_man_with_monkey.jpg': 'SOMETHING_ON_HEAD',
  // a square 512 px wide (the photo's width, both shoulders meet its sides) makes the face 0.59 of it
  'portraits/p12_max_paul_rudd.jpg': 'SHOULDERS_CUT_OFF',
  // the hair meets the photo's top 0.79 face heights above the eyes; the tolerance's tightest canvas needs 0.84
  'portraits/p14_maxre_smiling_woman.png': 'HEAD_CUT_OFF',
  'portraits/p06_tfjs_depth_portrait_small.jpg': 'BODY_CUT_OFF',
  'portraits/p08_mediapipe_sergey.png': 'BODY_CUT_OFF',
};

/** Reads MANIFEST.csv; "X or Y" and "corrected" become several allowed outcomes. */
export function readManifest(): ManifestRow[] {
  const [head, ...rows] = parseCsv(fs.readFileSync(path.join(TESTDATA, 'MANIFEST.csv'), 'utf8'));
  const col = (n: string) => head.indexOf(n);
  return rows.map((r) => {
    const expected = r[col('expected')];
    const tokens = expected.match(/\b(ok|corrected|[A-Z_]{4,})\b/g) ?? [];
    const allowed = [...new Set(tokens.map((t) => (t === 'corrected' ? 'ok' : t)).filter((t) => t === 'ok' || (CHECK_CODES as readonly string[]).includes(t)))];
    const file = r[col('file')];
    return { file, people: r[col('people')], expected, allowed: CHECK_REFUSALS[file] ? [CHECK_REFUSALS[file]] : FRAMING_REFUSALS[file] ? [FRAMING_REFUSALS[file]] : allowed, notes: r[col('notes')] };
  });
}

export const read = (f: string): Buffer => fs.readFileSync(path.join(TESTDATA, f));
