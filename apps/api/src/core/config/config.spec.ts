import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('fills embedded defaults from an empty environment', () => {
    const c = parseConfig({});
    expect(c.TEAMFRAME_ROLE).toBe('all');
    expect(c.PORT).toBe(3000);
    expect(c.PUBLIC_URL).toBe('http://127.0.0.1:3000');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('names the variable in one line when a value is bad', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/^Configuration error: PORT .*"eighty"/);
    expect(() => parseConfig({ TEAMFRAME_ROLE: 'boss' })).toThrow(/TEAMFRAME_ROLE must be one of api, worker, all/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ TEAMFRAME_ADMIN_PASSWORD: 'short' })).toThrow(/TEAMFRAME_ADMIN_PASSWORD .*12 characters/);
  });

  it('reads Redis Sentinel hosts, and names a bad list', () => {
    const c = parseConfig({ REDIS_SENTINELS: 'sentinel-1:26379,10.0.0.7:26380', REDIS_SENTINEL_NAME: 'queues' });
    expect(c.REDIS_SENTINELS).toEqual([
      { host: 'sentinel-1', port: 26379 },
      { host: '10.0.0.7', port: 26380 },
    ]);
    expect(c.REDIS_SENTINEL_NAME).toBe('queues');
    expect(parseConfig({}).REDIS_SENTINELS).toBeUndefined();
    expect(() => parseConfig({ REDIS_SENTINELS: 'sentinel-1' })).toThrow(/^Configuration error: REDIS_SENTINELS .*host:port/);
  });

  it('never prints more than one line', () => {
    try {
      parseConfig({ PORT: '0', REDIS_URL: 'nope' });
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('reads DNS servers and the outbox link switch', () => {
    expect(parseConfig({ DNS_SERVERS: '127.0.0.1:5353, 10.0.0.1' }).DNS_SERVERS).toEqual(['127.0.0.1:5353', '10.0.0.1']);
    expect(() => parseConfig({ DNS_SERVERS: 'dns.google' })).toThrow(/DNS_SERVERS/);
    expect(parseConfig({}).MAIL_OUTBOX_PRINT_LINKS).toBe(false);
    expect(parseConfig({ MAIL_OUTBOX_PRINT_LINKS: 'true' }).MAIL_OUTBOX_PRINT_LINKS).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
