import type { Readable, Writable } from 'node:stream';

/** A file being written as a stream: it appears under its key only after `commit()`. */
export interface StorageUpload {
  stream: Writable;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Where every file of the product lives (selfies, renditions, export ZIPs, logos, brand images), by key.
 * Keys are deterministic (`org/<orgId>/employee/<id>/<kind>/<name>`), so a retried job overwrites
 * instead of duplicating; a key never leaves its root (no `..`, no absolute path) and no path on disk
 * ever reaches a user. Writes are atomic: a reader sees the old file or the new one, never half of one.
 *
 * An abstract class rather than an interface so it is also the injection token: modules ask for
 * `StorageService`; StorageModule decides which adapter serves it (today the local disk).
 */
export abstract class StorageService {
  abstract put(key: string, data: Buffer): Promise<void>;
  /** A streaming write for files too large for one buffer (export ZIPs). */
  abstract openWrite(key: string): Promise<StorageUpload>;
  abstract read(key: string): Promise<Buffer>;
  /**
   * A stream of the file, opened before it is returned: a missing file is a NOT_FOUND DomainError here
   * (the caller answers 404 or names the file), never an 'error' event after headers went out. Whoever
   * consumes the stream handles its later errors (a failing disk).
   */
  abstract openStream(key: string): Promise<Readable>;
  /** Bytes stored under the key, or null when there is no such file. */
  abstract size(key: string): Promise<number | null>;
  /** Removes the key; a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
  /** Removes every key under a prefix (e.g. all of one employee's files). */
  abstract deletePrefix(prefix: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9._/-]*$/i;

/** Throws unless `key` is a storage key that stays under its root. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  }
}
