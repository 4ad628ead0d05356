/* The DPI a print shop reads: JPEG JFIF density or PNG pHYs (written by hand because libvips writes them only
   through EXIF), and the TIFF resolution tags (which sharp writes from its options). */

/** Writes the DPI into a JPEG's JFIF APP0 header (inserted when absent; no EXIF block). */
export function setJpegDpi(buf: Buffer, dpi: number): Buffer {
  if (buf[2] === 0xff && buf[3] === 0xe0 && buf.toString('latin1', 6, 10) === 'JFIF') {
    const out = Buffer.from(buf);
    out[13] = 1;
    out.writeUInt16BE(dpi, 14);
    out.writeUInt16BE(dpi, 16);
    return out;
  }
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, 0, 0, 0, 0, 0x00, 0x00]);
  app0.writeUInt16BE(dpi, 12);
  app0.writeUInt16BE(dpi, 14);
  return Buffer.concat([buf.subarray(0, 2), app0, buf.subarray(2)]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inserts (or replaces) a PNG pHYs chunk with the DPI. */
export function setPngDpi(buf: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const chunks: Buffer[] = [buf.subarray(0, 8)];
  let off = 8;
  let inserted = false;
  const phys = Buffer.alloc(21);
  phys.writeUInt32BE(9, 0);
  phys.write('pHYs', 4, 'latin1');
  phys.writeUInt32BE(ppm, 8);
  phys.writeUInt32BE(ppm, 12);
  phys[16] = 1;
  phys.writeUInt32BE(crc32(phys.subarray(4, 17)), 17);
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const end = off + 12 + len;
    if (type !== 'pHYs') chunks.push(buf.subarray(off, end));
    if (type === 'IHDR' && !inserted) { chunks.push(phys); inserted = true; }
    off = end;
  }
  return Buffer.concat(chunks);
}

/** sharp's TIFF options for the DPI: it takes pixels per millimetre and writes them per inch. */
export function tiffResolution(dpi: number): { xres: number; yres: number; resolutionUnit: 'inch' } {
  return { xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: 'inch' };
}
