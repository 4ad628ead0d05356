import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../core/config/config';
import { isPublicAddress, WebhookAddressGuard, WebhookAddressRefused } from './webhook-address-guard';

const guard = (networks: string[] = []) => new WebhookAddressGuard({ WEBHOOK_ALLOWED_NETWORKS: networks } as AppConfig);

describe('webhook address guard', () => {
  it('tells public addresses from everything else', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '::ffff:a00:1', '::ffff:127.0.0.1', '64:ff9b::a00:1', 'not-an-ip']) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it('wants https for public addresses and lets the operator open chosen networks', async () => {
    await expect(guard().assertAllowed(new URL('https://93.184.216.34/hook'))).resolves.toBeUndefined();
    await expect(guard().assertAllowed(new URL('http://93.184.216.34/hook'))).rejects.toThrow(WebhookAddressRefused);
    await expect(guard().assertAllowed(new URL('https://10.20.0.5/hook'))).rejects.toThrow(/not a public address/);
    await expect(guard(['10.20.0.0/16']).assertAllowed(new URL('http://10.20.0.5/hook'))).resolves.toBeUndefined();
    await expect(guard(['10.20.0.0/16']).assertAllowed(new URL('https://10.21.0.5/hook'))).rejects.toThrow(/not a public address/);
    await expect(guard().assertAllowed(new URL('https://user:pw@93.184.216.34/hook'))).rejects.toThrow(/user name or password/);
  });

  it('resolves names and refuses one that leads inside', async () => {
    await expect(guard().assertAllowed(new URL('https://localhost/hook'))).rejects.toThrow(/127\.0\.0\.1|::1/);
    await expect(guard(['127.0.0.0/8', '::1/128']).assertAllowed(new URL('http://localhost/hook'))).resolves.toBeUndefined();
  });
});
