import { sniffFormat, type SourceFormat } from '@teamframe/pipeline';
import busboy from 'busboy';
import type { Request } from 'express';
import { DomainError } from '../../core/http/domain-error';

export interface PhotoLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const PHOTO_LIMITS: PhotoLimits = { maxBytes: 25 * 1024 * 1024, timeoutMs: 60_000 };

// A form from the upload page has one file and no other field; room for a few, none for a flood.
const FORM_LIMITS = { files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 20 };

const notMultipart = () => new DomainError('VALIDATION_FAILED', 'The upload is not valid multipart data.');

/**
 * Reads the one file field (`photo` unless told) of a multipart request into memory, with explicit limits: one
 * file, `maxBytes`, a few small fields and part headers, and `timeoutMs` for the whole body, so a slow or endless
 * upload is cut off.
 *
 * Every stream involved (the request, the parser and each file part) has an error listener that settles the
 * promise: busboy destroys a file part with an error when the body ends early, and an `'error'` without a
 * listener would take the whole process down. The first outcome wins; later events are ignored.
 */
export function readPhoto(req: Request, limits: PhotoLimits = PHOTO_LIMITS, field = 'photo'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (!req.is('multipart/form-data')) {
      return reject(new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send the image as multipart/form-data in a field named "${field}".`));
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { ...FORM_LIMITS, fileSize: limits.maxBytes } });
    } catch {
      // No boundary, or a content type busboy does not take.
      return reject(notMultipart());
    }
    const chunks: Buffer[] = [];
    let found = false;
    let settled = false;
    const settle = (outcome: DomainError | Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof Buffer) return resolve(outcome);
      chunks.length = 0;
      // The parser is left to be collected, not destroyed: this may run inside its own callback.
      req.unpipe(bb);
      req.resume(); // discard what is left so the socket can carry the answer
      reject(outcome);
    };
    const timer = setTimeout(() => {
      settle(new DomainError('REQUEST_TIMEOUT', 'The upload took too long. Check your connection and try again.'));
      req.destroy();
    }, limits.timeoutMs);

    bb.on('file', (name, stream) => {
      stream.on('error', () => settle(notMultipart()));
      if (name !== field || found) {
        stream.resume();
        return;
      }
      found = true;
      stream.on('data', (c: Buffer) => !settled && chunks.push(c));
      stream.on('limit', () => settle(new DomainError('PAYLOAD_TOO_LARGE', `The photo is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB. Send a smaller one.`)));
    });
    bb.on('filesLimit', () => settle(new DomainError('VALIDATION_FAILED', 'Send one photo at a time.')));
    bb.on('partsLimit', () => settle(new DomainError('VALIDATION_FAILED', 'Send one photo at a time.')));
    bb.on('fieldsLimit', () => settle(new DomainError('VALIDATION_FAILED', 'Send only the photo.')));
    bb.on('error', () => settle(notMultipart()));
    bb.on('close', () => {
      if (!found || chunks.length === 0) return settle(new DomainError('VALIDATION_FAILED', `No image was sent: use the field name "${field}".`));
      settle(Buffer.concat(chunks));
    });
    // A client that goes away mid-upload: nobody reads the answer, but the promise must still settle.
    req.on('error', () => settle(new DomainError('VALIDATION_FAILED', 'The upload was interrupted.')));
    req.on('aborted', () => settle(new DomainError('VALIDATION_FAILED', 'The upload was interrupted.')));
    req.pipe(bb);
  });
}

/** What employees may send: the upload page and its refusal sentence (`check.notAPhoto`) name these. */
const UPLOAD_FORMATS = ['jpeg', 'png', 'webp', 'heic'] as const satisfies readonly SourceFormat[];

export type PhotoFormat = (typeof UPLOAD_FORMATS)[number];

/**
 * The format by content, as the engine reads it (`sniffFormat`: magic bytes, never the name or a
 * header), narrowed to what the upload page takes; null for anything else.
 */
export function sniffPhoto(b: Buffer): PhotoFormat | null {
  const format = sniffFormat(b);
  return UPLOAD_FORMATS.find((f) => f === format) ?? null;
}
