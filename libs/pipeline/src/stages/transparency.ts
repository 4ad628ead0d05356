import type { Rendition } from '@teamframe/shared-types';

/** Whether a rendition keeps the cut-out's alpha (only formats with an alpha channel can). */
export const isTransparent = (r: Rendition): boolean => r.transparent && (r.format === 'png' || r.format === 'webp');
