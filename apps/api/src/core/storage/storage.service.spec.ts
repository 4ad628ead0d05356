import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config';
import { StorageService } from './storage.service';

describe('StorageService', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tf-storage-'));
  const storage = new StorageService(parseConfig({ STORAGE_DIR: dir }));

  it('writes atomically, overwrites by key and reads back', async () => {
    await storage.put('org/a/employee/b/original/x.jpg', Buffer.from('one'));
    await storage.put('org/a/employee/b/original/x.jpg', Buffer.from('two'));
    expect((await storage.read('org/a/employee/b/original/x.jpg')).toString()).toBe('two');
    expect(readdirSync(path.join(dir, 'org/a/employee/b/original'))).toEqual(['x.jpg']);
  });

  it('refuses keys that would leave the storage folder', async () => {
    for (const key of ['../etc/passwd', 'org/../../x', '/abs', 'org//x', 'org/./x']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    }
  });

  it('deletes a prefix with everything under it', async () => {
    await storage.put('org/a/employee/c/headshot/1.jpg', Buffer.from('h'));
    await storage.deletePrefix('org/a/employee/c');
    expect(await storage.size('org/a/employee/c/headshot/1.jpg')).toBeNull();
  });

  it('streams a stored file, and a missing one is a NOT_FOUND before any byte is sent', async () => {
    await storage.put('org/a/employee/d/headshot/1.jpg', Buffer.from('bytes'));
    const chunks: Buffer[] = [];
    for await (const c of await storage.openStream('org/a/employee/d/headshot/1.jpg')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('bytes');
    await expect(storage.openStream('org/a/employee/d/headshot/gone.jpg')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.not.stringContaining(dir) });
  });
});
