import type { Readable, Writable } from 'node:stream';
import { DomainError } from '../http/domain-error';

/** A file being written as a stream: it appears under its key only after `commit()`. */
export interface StorageUpload {
  stream: Writable;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Bytes `start` to `end`, both inclusive (as in an HTTP Range header); no `end`: to the end of the file. */
export interface ByteRange {
  start: number;
  end?: number;
}

/**
 * Where every file of the product lives (selfies, renditions, export ZIPs, logos, brand images), by key.
 * Keys are deterministic (`org/<orgId>/employee/<id>/<kind>/<name>`), so a retried job overwrites
 * instead of duplicating; a key never leaves its root (no `..`, no absolute path) and no path on disk
 * or bucket key ever reaches a user: a missing file is `fileGone()`, any other failure a StorageError
 * whose message names neither. Writes are atomic: a reader sees the old file or the new one, never half.
 *
 * An abstract class rather than an interface so it is also the injection token: modules ask for
 * `StorageService`; StorageModule decides which adapter serves it (STORAGE_DRIVER: disk or s3).
 */
export abstract class StorageService {
  abstract put(key: string, data: Buffer): Promise<void>;
  /** A streaming write for files too large for one buffer (export ZIPs). */
  abstract openWrite(key: string): Promise<StorageUpload>;
  /** The whole file; a missing one is a NOT_FOUND DomainError. */
  abstract read(key: string): Promise<Buffer>;
  /**
   * A stream of the file (or of a range of it), opened before it is returned: a missing file is a
   * NOT_FOUND DomainError here (the caller answers 404 or names the file), never an 'error' event after
   * headers went out. Whoever consumes the stream handles its later errors and destroys it when its own
   * reader goes away (that releases the file handle or the connection to the object storage).
   */
  abstract openStream(key: string, range?: ByteRange): Promise<Readable>;
  /** Bytes stored under the key, or null when there is no such file. */
  abstract size(key: string): Promise<number | null>;
  /** Removes the key; a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
  /** Removes every key under a prefix (e.g. all of one employee's files). */
  abstract deletePrefix(prefix: string): Promise<void>;

  /**
   * A short-lived URL a browser downloads the file from directly, named `fileName`, or null when this
   * storage serves none (the local disk; object storage without S3_PRESIGNED_DOWNLOADS): then the
   * caller streams the file itself.
   */
  async downloadUrl(key: string, _opts: { fileName: string; contentType: string }): Promise<string | null> {
    assertStorageKey(key);
    return null;
  }
}

/** A storage failure other than a missing file; its message is safe to show, the cause goes to the log. */
export class StorageError extends Error {
  constructor(operation: 'read' | 'write' | 'delete' | 'list', cause: unknown) {
    super(`The file storage failed to ${operation} a file; try again later.`, { cause });
    this.name = 'StorageError';
  }
}

export const fileGone = () => new DomainError('NOT_FOUND', 'This file is no longer stored.');

const KEY = /^[a-z0-9][a-z0-9._/-]*$/i;

/** Throws unless `key` is a storage key that stays under its root. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  }
}
