import sharp from 'sharp';

/** Long edge of a print file's preview: HR inspects at 100 % up to this size. */
const PREVIEW_MAX = 3000;

/**
 * An sRGB JPEG of a print file (a TIFF, or a CMYK JPEG/TIFF), for showing it in a browser: browsers cannot
 * show TIFF and colour-manage CMYK unreliably. The embedded CMYK profile is applied on the way back to sRGB,
 * so the preview shows the colours the press is asked for. The print file itself goes out in exports.
 */
export async function printPreview(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: 50_000_000 })
    .resize(PREVIEW_MAX, PREVIEW_MAX, { fit: 'inside', withoutEnlargement: true })
    .withIccProfile('srgb')
    .jpeg({ quality: 90, chromaSubsampling: '4:4:4' })
    .toBuffer();
}

/** The preview's file name: the print file's name with `-preview.jpg` for its extension. */
export function previewFileName(fileName: string): string {
  return `${fileName.replace(/\.[A-Za-z0-9]+$/, '')}-preview.jpg`;
}
