import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { StorageService } from '../../src/core/storage/storage.service';

const text = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString();
};

/**
 * What every storage adapter must do, as one suite: the local disk (storage.spec.ts) and S3-compatible
 * object storage (s3-storage.spec.ts) pass the same tests. `make` gives a fresh, empty storage.
 */
export function storageContract(name: string, make: () => StorageService | Promise<StorageService>): void {
  describe(`${name} (storage contract)`, () => {
    it('writes, overwrites by key, reads back, streams and sizes', async () => {
      const s = await make();
      await s.put('org/a/employee/b/original/x.jpg', Buffer.from('one'));
      await s.put('org/a/employee/b/original/x.jpg', Buffer.from('two!'));
      expect((await s.read('org/a/employee/b/original/x.jpg')).toString()).toBe('two!');
      expect(await text(await s.openStream('org/a/employee/b/original/x.jpg'))).toBe('two!');
      expect(await s.size('org/a/employee/b/original/x.jpg')).toBe(4);
      expect(await s.size('org/a/employee/b/original/missing.jpg')).toBeNull();
    });

    it('refuses keys that would leave the storage root', async () => {
      const s = await make();
      for (const key of ['../etc/passwd', 'org/../../x', '/abs', 'org//x', 'org/./x']) {
        await expect(s.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
      }
    });

    it('fails to read a missing key with a NOT_FOUND that names no path or key', async () => {
      const s = await make();
      await expect(s.read('org/a/none.jpg')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'This file is no longer stored.' });
    });

    it('streams a byte range: from a start to an inclusive end, or to the end of the file', async () => {
      const s = await make();
      await s.put('org/a/export/r.zip', Buffer.from('0123456789abcdef'));
      expect(await text(await s.openStream('org/a/export/r.zip', { start: 3, end: 6 }))).toBe('3456');
      expect(await text(await s.openStream('org/a/export/r.zip', { start: 10 }))).toBe('abcdef');
      expect(await text(await s.openStream('org/a/export/r.zip', { start: 0, end: 1 }))).toBe('01');
      await expect(s.openStream('org/a/export/gone.zip', { start: 3, end: 6 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('opens a stream before returning it: a missing key is a NOT_FOUND that names no path', async () => {
      const s = await make();
      await expect(s.openStream('org/a/employee/d/headshot/gone.jpg')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'This file is no longer stored.' });
    });

    it('streams a large write in, visible only once committed; an aborted one leaves nothing', async () => {
      const s = await make();
      const big = Buffer.alloc(3 * 1024 * 1024, 7);
      const upload = await s.openWrite('org/a/export/e1.zip');
      await pipeline(Readable.from([big.subarray(0, 1_000_000), big.subarray(1_000_000)]), upload.stream);
      // Written and flushed, not committed: still nothing under the key, however long one waits.
      await new Promise((r) => setTimeout(r, 500));
      expect(await s.size('org/a/export/e1.zip')).toBeNull();
      await upload.commit();
      expect(await s.size('org/a/export/e1.zip')).toBe(big.length);
      expect((await s.read('org/a/export/e1.zip')).equals(big)).toBe(true);

      const aborted = await s.openWrite('org/a/export/e2.zip');
      aborted.stream.write(Buffer.from('half'));
      await aborted.abort();
      expect(await s.size('org/a/export/e2.zip')).toBeNull();
    });

    it('deletes a key (a missing one is fine) and a prefix with everything under it, nothing else', async () => {
      const s = await make();
      await s.put('org/a/employee/c/headshot/1.jpg', Buffer.from('h'));
      await s.put('org/a/employee/c/headshot/2.jpg', Buffer.from('h'));
      await s.put('org/a/employee/d/headshot/1.jpg', Buffer.from('keep'));
      await s.delete('org/a/employee/c/headshot/1.jpg');
      await s.delete('org/a/employee/c/headshot/1.jpg');
      expect(await s.size('org/a/employee/c/headshot/1.jpg')).toBeNull();
      await s.put('org/a/employee/cx/headshot/1.jpg', Buffer.from('sibling'));
      await s.deletePrefix('org/a/employee/c');
      expect(await s.size('org/a/employee/c/headshot/2.jpg')).toBeNull();
      expect((await s.read('org/a/employee/d/headshot/1.jpg')).toString()).toBe('keep');
      // A prefix is a folder: a key that merely starts with the same letters stays.
      expect((await s.read('org/a/employee/cx/headshot/1.jpg')).toString()).toBe('sibling');
    });
  });
}
