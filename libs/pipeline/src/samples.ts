import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** A bundled portrait for style previews before an organisation has selfies (licences: samples/README.md). */
export interface SamplePortrait {
  id: string;
  /** What the style editor says under the preview. */
  label: string;
  credit: string;
}

export const SAMPLE_PORTRAITS: readonly SamplePortrait[] = [
  { id: 'sample-1', label: 'Sample portrait 1', credit: 'US Navy, public domain' },
  { id: 'sample-2', label: 'Sample portrait 2', credit: 'IBM CODAIT, CC0' },
  { id: 'sample-3', label: 'Sample portrait 3', credit: 'NASA, public domain' },
];

const DIR = path.join(__dirname, '..', 'samples');

/** The sample's JPEG bytes (sRGB, upright, no metadata: what the engine's render takes). */
export function readSamplePortrait(id: string): Promise<Buffer> {
  if (!SAMPLE_PORTRAITS.some((s) => s.id === id)) throw new Error(`no sample portrait ${id}`);
  return readFile(path.join(DIR, `${id}.jpg`));
}
