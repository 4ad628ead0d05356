import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets (API tokens `tf_…`, SCIM tokens `tfscim_…`): 256 random bits, so a plain SHA-256 is a
 * safe hash to store and look up by (no salt or slow hash needed, unlike passwords).
 */
export function newBearerSecret(kind: 'tf' | 'tfscim'): { secret: string; hash: string; prefix: string } {
  const body = randomBytes(32).toString('base64url');
  const secret = `${kind}_${body}`;
  return { secret, hash: hashBearerSecret(secret), prefix: body.slice(0, 6) };
}

export const hashBearerSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The secret from `Authorization: Bearer <kind>_…`, or null. */
export function bearerSecret(authorization: string | undefined, kind: 'tf' | 'tfscim'): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m || !m[1].startsWith(`${kind}_`) || m[1].length > 100) return null;
  return m[1];
}
