import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../../core/redis/redis.module';
import { tooManySignInFailures } from './auth.errors';

/** Wrong passwords an account may take before each further one costs a wait. */
export const FREE_FAILURES = 5;
/** The first wait; it doubles with every further failure… */
export const FIRST_COOL_OFF_MS = 1_000;
/** …up to this, so an attacker can never keep the real person out for longer at a stretch. */
export const MAX_COOL_OFF_MS = 5 * 60_000;
/** Failures are forgotten this long after the last one (and at once on a successful sign-in). */
const FORGET_AFTER_MS = 15 * 60_000;

// One script: count the failure, and start the cooling-off when past the free ones. Atomic across processes.
const FAIL = `
local fails = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local free = tonumber(ARGV[2])
if fails >= free then
  local wait = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ (fails - free))
  redis.call('SET', KEYS[2], '1', 'PX', math.floor(wait))
end
return fails`;

/**
 * Per-account sign-in throttling, next to the per-address limit: the failures of one e-mail address
 * are counted in Redis whichever client address they come from, and past FREE_FAILURES each one
 * starts a cooling-off (1 s, 2 s, 4 s … at most 5 min) during which that account's sign-ins answer
 * 429, the right password included. Unknown addresses are counted the same way, so the answer does
 * not tell which accounts exist. While Redis is away the per-address limit still holds.
 */
@Injectable()
export class SignInLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Throws a 429 with Retry-After while the account cools off. */
  async assertMayTry(email: string): Promise<void> {
    const left = await this.redis.pttl(keys(email).coolOff).catch(() => -2);
    if (left > 0) throw tooManySignInFailures(Math.ceil(left / 1000));
  }

  async failed(email: string): Promise<void> {
    const k = keys(email);
    await this.redis.eval(FAIL, 2, k.failures, k.coolOff, FORGET_AFTER_MS, FREE_FAILURES, FIRST_COOL_OFF_MS, MAX_COOL_OFF_MS).catch(() => undefined);
  }

  async succeeded(email: string): Promise<void> {
    const k = keys(email);
    await this.redis.del(k.failures, k.coolOff).catch(() => undefined);
  }
}

/** Keys by a digest of the address: Redis holds no e-mail addresses. */
function keys(email: string): { failures: string; coolOff: string } {
  const id = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
  return { failures: `signin:failures:${id}`, coolOff: `signin:cooloff:${id}` };
}
