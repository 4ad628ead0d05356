import { isScreenRendition } from '@teamframe/shared-types';
import type { StoredRendition } from './entities/headshot.entity';

const LINKEDIN = /linkedin/i;

/**
 * The file an employee gets of their own headshot (the download on their page, the approval mail): the
 * LinkedIn size, else the largest screen file. Never a print file: a CMYK TIFF opens badly or not at all
 * on a phone, whatever HR named it.
 */
export function employeeRendition(renditions: readonly StoredRendition[]): StoredRendition | undefined {
  const screen = renditions.filter((r) => isScreenRendition(r));
  return screen.find((r) => LINKEDIN.test(r.name)) ?? [...screen].sort((a, b) => b.width * b.height - a.width * a.height)[0];
}
