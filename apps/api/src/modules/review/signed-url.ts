import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed image URL works: long enough to load a page of images, short enough not to be worth sharing. */
export const SIGNED_URL_TTL_SECONDS = 300;

export type SignedSubject = { kind: 'rendition'; headshotId: string; name: string } | { kind: 'original'; uploadId: string };

function payload(s: SignedSubject, expires: number): string {
  return s.kind === 'rendition' ? `image:rendition:${s.headshotId}:${s.name}:${expires}` : `image:original:${s.uploadId}:${expires}`;
}

/**
 * An image URL that works without the session cookie (for <img> tags and downloads): the path names
 * the image, `expires` is a Unix time in seconds, `sig` is HMAC-SHA256(server secret, both). The
 * `image:` prefix keeps these signatures apart from the invite tokens made with the same secret.
 */
export function signImagePath(secret: string, s: SignedSubject, now = Date.now(), ttlSeconds = SIGNED_URL_TTL_SECONDS): { path: string; expiresAt: Date } {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const sig = createHmac('sha256', secret).update(payload(s, expires)).digest('base64url');
  const base = s.kind === 'rendition' ? `/api/signed/headshots/${s.headshotId}/renditions/${s.name}` : `/api/signed/uploads/${s.uploadId}/original`;
  return { path: `${base}?expires=${expires}&sig=${sig}`, expiresAt: new Date(expires * 1000) };
}

/** True when `sig` is the signature of this image until `expires`, and that time has not passed. */
export function verifyImageSignature(secret: string, s: SignedSubject, expires: unknown, sig: unknown, now = Date.now()): boolean {
  if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof sig !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const exp = Number(expires);
  if (exp * 1000 <= now) return false;
  const expected = createHmac('sha256', secret).update(payload(s, exp)).digest();
  const given = Buffer.from(sig, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
