import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/core/config/config';
import { LocalDiskStorage } from '../src/core/storage/local-disk.storage';
import { storageContract } from './support/storage-contract';

const fresh = () => new LocalDiskStorage(parseConfig({ STORAGE_DIR: mkdtempSync(path.join(tmpdir(), 'tf-storage-')) }));

storageContract('LocalDiskStorage', fresh);

describe('LocalDiskStorage on disk', () => {
  it('leaves no temp files beside a key after writes and a committed stream', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-storage-'));
    const s = new LocalDiskStorage(parseConfig({ STORAGE_DIR: dir }));
    await s.put('org/a/x.jpg', Buffer.from('one'));
    await s.put('org/a/x.jpg', Buffer.from('two'));
    const up = await s.openWrite('org/a/e.zip');
    up.stream.end(Buffer.from('zip'));
    await new Promise((r) => up.stream.once('finish', r));
    await up.commit();
    expect(readdirSync(path.join(dir, 'org/a')).sort()).toEqual(['e.zip', 'x.jpg']);
  });
});
