import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './connector-http';
import { webSafeBase64 } from './google-admin.connector';

describe('connector HTTP helpers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    const inTen = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterMs(inTen)).toBeGreaterThan(8000);
    expect(retryAfterMs(inTen)).toBeLessThanOrEqual(10_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });

  it("writes Google's web-safe base64: - and _ instead of + and /", () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xbf, 0x00]);
    expect(bytes.toString('base64')).toBe('+/+/AA==');
    expect(webSafeBase64(bytes)).toBe('-_-_AA==');
  });
});
