import type { CacheItem, CacheProvider } from '@node-saml/node-saml';
import type Redis from 'ioredis';

/**
 * node-saml's store of AuthnRequest IDs (for InResponseTo), in Redis so that the process that
 * answers the IdP's POST need not be the one that sent the browser there. Keys are per org: a
 * request started for org A is unknown to org B's ACS.
 */
export class RedisSamlRequestCache implements CacheProvider {
  constructor(
    private readonly redis: Redis,
    private readonly orgId: string,
    private readonly ttlMs: number,
  ) {}

  private key(id: string): string {
    return `sso:request:${this.orgId}:${id}`;
  }

  async saveAsync(id: string, value: string): Promise<CacheItem | null> {
    const ok = await this.redis.set(this.key(id), value, 'PX', this.ttlMs, 'NX');
    return ok ? { value, createdAt: Date.now() } : null;
  }

  getAsync(id: string): Promise<string | null> {
    return this.redis.get(this.key(id));
  }

  async removeAsync(id: string | null): Promise<string | null> {
    if (!id) return null;
    return this.redis.getdel(this.key(id));
  }
}

/**
 * Remembers every accepted assertion ID until the assertion expires, shared by all processes.
 * Returns false when the ID was seen before (a replay).
 */
export async function claimAssertionId(redis: Redis, orgId: string, assertionId: string, ttlMs: number): Promise<boolean> {
  const ok = await redis.set(`sso:assertion:${orgId}:${assertionId}`, '1', 'PX', Math.max(1_000, Math.ceil(ttlMs)), 'NX');
  return ok === 'OK';
}
