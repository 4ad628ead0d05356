import busboy from 'busboy';
import type { Request } from 'express';
import { DomainError } from '../../core/http/domain-error';

export interface PhotoLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const PHOTO_LIMITS: PhotoLimits = { maxBytes: 25 * 1024 * 1024, timeoutMs: 60_000 };

/**
 * Reads the one file field (`photo` unless told) of a multipart request into memory, with explicit limits: one
 * file, `maxBytes`, and `timeoutMs` for the whole body, so a slow or endless upload is cut off.
 */
export function readPhoto(req: Request, limits: PhotoLimits = PHOTO_LIMITS, field = 'photo'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (!req.is('multipart/form-data')) {
      return reject(new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send the image as multipart/form-data in a field named "${field}".`));
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: limits.maxBytes, fields: 5, parts: 6, fieldSize: 1024 } });
    } catch {
      return reject(new DomainError('VALIDATION_FAILED', 'The upload is not valid multipart data.'));
    }
    let settled = false;
    const fail = (e: DomainError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.unpipe(bb);
      req.resume(); // drain what is left so the socket can answer
      reject(e);
    };
    const timer = setTimeout(() => {
      fail(new DomainError('REQUEST_TIMEOUT', 'The upload took too long. Check your connection and try again.'));
      req.destroy();
    }, limits.timeoutMs);
    const chunks: Buffer[] = [];
    let found = false;
    bb.on('file', (name, stream) => {
      if (name !== field || found) {
        stream.resume();
        return;
      }
      found = true;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(new DomainError('PAYLOAD_TOO_LARGE', `The photo is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB. Send a smaller one.`)));
    });
    bb.on('filesLimit', () => fail(new DomainError('VALIDATION_FAILED', 'Send one photo at a time.')));
    bb.on('partsLimit', () => fail(new DomainError('VALIDATION_FAILED', 'Send one photo at a time.')));
    bb.on('error', () => fail(new DomainError('VALIDATION_FAILED', 'The upload is not valid multipart data.')));
    bb.on('close', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!found || chunks.length === 0) return reject(new DomainError('VALIDATION_FAILED', `No image was sent: use the field name "${field}".`));
      resolve(Buffer.concat(chunks));
    });
    req.on('aborted', () => fail(new DomainError('VALIDATION_FAILED', 'The upload was interrupted.')));
    req.pipe(bb);
  });
}

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'heic';

/** The format by content (magic bytes), never by name or header; null for anything we do not take. */
export function sniffPhoto(b: Buffer): PhotoFormat | null {
  if (b.length < 12) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(b.toString('latin1', 8, 12))) return 'heic';
  return null;
}
