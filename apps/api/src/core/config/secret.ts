import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The server secret that derives invite tokens. From TEAMFRAME_SECRET when set (required when API and
 * workers run on different machines); otherwise generated once into a 0600 file beside the data, so
 * every process of one embedded installation shares it.
 */
export function loadOrCreateSecret(fromEnv: string | undefined, file: string): string {
  if (fromEnv) return fromEnv;
  const resolved = path.resolve(file);
  if (existsSync(resolved)) return readFileSync(resolved, 'utf8').trim();
  mkdirSync(path.dirname(resolved), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(resolved, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(resolved, 0o600);
  return secret;
}
