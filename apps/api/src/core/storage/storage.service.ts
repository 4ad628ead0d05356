import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../http/domain-error';

const KEY = /^[a-z0-9][a-z0-9._/-]*$/i;

/**
 * Files by key on local disk (STORAGE_DIR). Keys are deterministic
 * (`org/<orgId>/employee/<id>/<kind>/<name>`), so a retried job overwrites instead of duplicating.
 * Writes are atomic: a temp file is fsynced, then renamed over the key, so a crash mid-write
 * leaves either the old file or the new one, never half of one.
 */
@Injectable()
export class StorageService {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = path.resolve(config.STORAGE_DIR);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  }

  async read(key: string): Promise<Buffer> {
    const handle = await open(this.pathOf(key), 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /**
   * A stream of the file, opened before it is returned: a missing file is a NOT_FOUND here (the caller
   * answers 404 or names the file), never an 'error' event after headers went out. Whoever consumes the
   * stream handles its later errors (a failing disk); it carries a no-op listener until then, so an
   * early one cannot take the process down.
   */
  async openStream(key: string): Promise<Readable> {
    const handle = await open(this.pathOf(key), 'r').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') throw new DomainError('NOT_FOUND', 'This file is no longer stored.');
      throw e;
    });
    return handle.createReadStream().on('error', () => undefined);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  /** Removes every key under a prefix (e.g. all of one employee's files). */
  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.pathOf(prefix), { recursive: true, force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.' || part === '')) {
      throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    }
    return path.join(this.root, key);
  }
}
