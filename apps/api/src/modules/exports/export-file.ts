import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A file written as a stream under the storage root, appearing under its key only once complete
 * (temp file, then rename), like StorageService.put does for buffers.
 */
// StorageService takes whole buffers; a ZIP of a large team must not be one. Until it grows a
// streaming put (and an S3 adapter needs one too), exports write beside it under the same root.
export async function openStorageFile(storageDir: string, key: string): Promise<{ stream: WriteStream; commit(): Promise<void>; abort(): Promise<void> }> {
  if (!/^[a-z0-9][a-z0-9._/-]*$/i.test(key) || key.split('/').some((p) => p === '..' || p === '.' || p === '')) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  const file = path.join(path.resolve(storageDir), key);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
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
