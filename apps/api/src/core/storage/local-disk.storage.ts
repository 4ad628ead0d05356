import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { assertStorageKey, type ByteRange, fileGone, StorageError, StorageService, type StorageUpload } from './storage.service';

/**
 * The storage on one machine's disk (STORAGE_DIR), the embedded default. Writes go to a temp file that is
 * fsynced (or flushed, for streams) and then renamed over the key, so a crash mid-write leaves either the
 * old file or the new one. API and workers on several machines need this folder shared.
 */
@Injectable()
export class LocalDiskStorage extends StorageService {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = path.resolve(config.STORAGE_DIR);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    const tmp = tempNameFor(file);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw new StorageError('write', e);
    }
  }

  async openWrite(key: string): Promise<StorageUpload> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = tempNameFor(file);
    const stream = createWriteStream(tmp, { mode: 0o600, flush: true });
    return {
      stream,
      commit: () => rename(tmp, file),
      abort: async () => {
        stream.destroy();
        await rm(tmp, { force: true });
      },
    };
  }

  async read(key: string): Promise<Buffer> {
    const handle = await this.openForReading(key);
    try {
      return await handle.readFile();
    } catch (e) {
      throw new StorageError('read', e);
    } finally {
      await handle.close();
    }
  }

  async openStream(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await this.openForReading(key);
    // A no-op listener until the consumer attaches its own, so an early error cannot take the process down.
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {}).on('error', () => undefined);
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

  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.pathOf(prefix), { recursive: true, force: true });
  }

  /** Opens the file; a missing one is NOT_FOUND, any other failure a StorageError (both name no path). */
  private openForReading(key: string) {
    return open(this.pathOf(key), 'r').catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' || e.code === 'ENOTDIR' ? fileGone() : new StorageError('read', e);
    });
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, key);
  }
}

const tempNameFor = (file: string) => `${file}.${randomBytes(6).toString('hex')}.tmp`;
