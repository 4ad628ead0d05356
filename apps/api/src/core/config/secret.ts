import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The server secret that derives invite tokens. From TEAMFRAME_SECRET when set (required when API and
 * workers run on different machines); otherwise generated once into a 0600 file beside the data, so
 * every process of one installation sharing that folder (the compose volume, say) uses the same one.
 */
export function loadOrCreateSecret(fromEnv: string | undefined, file: string): string {
  if (fromEnv) return fromEnv;
  const resolved = path.resolve(file);
  if (existsSync(resolved)) return readFileSync(resolved, 'utf8').trim();
  mkdirSync(path.dirname(resolved), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // Written whole under a private name, then linked into place: a process starting at the same moment
  // either wins the link or reads the complete secret of the one that did, never a half-written file.
  const draft = `${resolved}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, resolved);
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(resolved, 'utf8').trim();
    throw e;
  } finally {
    rmSync(draft, { force: true });
  }
}
