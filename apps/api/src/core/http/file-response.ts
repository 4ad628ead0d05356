import type { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { StorageService } from '../storage/storage.service';
import { DomainError } from './domain-error';

/**
 * Who may keep a copy of a file answer, and how far the browser may trust it:
 * - `personal`: a person's photo or an export. No cache keeps it (`private, no-store`), and the browser
 *   must not guess another type than the one sent (`nosniff`), since the bytes came from an upload.
 * - `personal-sandboxed`: the same, opened on its own in a tab (review images, signed URLs): the
 *   page it makes may load and run nothing (`default-src 'none'`).
 * - `revalidate`: the org's current asset; the browser may keep it but asks again every time.
 * - a number: a brand asset that does not change under its name; kept that many seconds.
 */
export type FileCaching = 'personal' | 'personal-sandboxed' | 'revalidate' | number;

export interface FileAnswer {
  /** Content-Type. */
  type: string;
  /** Content-Length, when known before the bytes go out. */
  length?: number;
  /** Content-Disposition: shown in the page (`inline`) or saved (`attachment`) under `fileName`. */
  disposition?: { as: 'inline' | 'attachment'; fileName: string };
}

/** The cache and trust headers of a file answer (see {@link FileCaching}). */
export function setFileHeaders(res: Response, caching: FileCaching): void {
  if (typeof caching === 'number') return void res.setHeader('Cache-Control', `private, max-age=${caching}`);
  if (caching === 'revalidate') return void res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (caching === 'personal-sandboxed') res.setHeader('Content-Security-Policy', "default-src 'none'");
}

/** The Content-Disposition value; file names here are made by the API from ids and slugs, never typed by a person. */
export function contentDisposition(d: NonNullable<FileAnswer['disposition']>): string {
  return `${d.as}; filename="${d.fileName}"`;
}

/**
 * A generated text file (a CSV of statuses) answered through the controller's own return value: the
 * personal file headers, its type and the name it is saved under.
 */
export function setDownloadHeaders(res: Response, a: Required<Pick<FileAnswer, 'type' | 'disposition'>>): void {
  setFileHeaders(res, 'personal');
  res.setHeader('Content-Type', a.type);
  res.setHeader('Content-Disposition', contentDisposition(a.disposition));
}

/** The body of a file answer with its type, length and disposition headers. */
export function fileBody(body: Readable | Buffer, a: FileAnswer): StreamableFile {
  const options = { type: a.type, length: a.length, disposition: a.disposition && contentDisposition(a.disposition) };
  return Buffer.isBuffer(body) ? new StreamableFile(body, options) : new StreamableFile(body, options);
}

/**
 * A stored file as the answer. A missing file is the storage's NOT_FOUND, or `missing` as its message
 * when the caller has a better one. Personal files' no-store headers go out first, so a refusal carries
 * them too; a cacheable file's only once it opened, so no browser keeps a 404 for an hour.
 */
export async function sendStoredFile(res: Response, storage: StorageService, key: string, a: FileAnswer & { caching: FileCaching; missing?: string }): Promise<StreamableFile> {
  const cacheable = typeof a.caching === 'number' || a.caching === 'revalidate';
  if (!cacheable) setFileHeaders(res, a.caching);
  const stream = await storage.openStream(key).catch((e: unknown) => {
    throw a.missing && e instanceof DomainError && e.code === 'NOT_FOUND' ? new DomainError('NOT_FOUND', a.missing) : e;
  });
  if (cacheable) setFileHeaders(res, a.caching);
  return fileBody(stream, a);
}
