import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';

/**
 * Addresses that are not the public internet (RFC 6890 special-purpose registries, IPv4 and IPv6).
 * BlockList checks IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) against the IPv4 rules, so they need no
 * rule of their own (a ::ffff:0:0/96 rule would match every IPv4 address).
 */
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC.addSubnet(net, bits, 'ipv6');

export const isPublicAddress = (ip: string) => isIP(ip) !== 0 && !NOT_PUBLIC.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');

export class WebhookAddressRefused extends Error {}

/**
 * The SSRF guard for webhooks: a request may go only over https to public addresses, or (http or https)
 * to networks the operator listed in WEBHOOK_ALLOWED_NETWORKS. Checked when an endpoint is saved, and
 * again on every connection through `lookup`, so a DNS name that later resolves to an inside address
 * (rebinding) is refused at connect time. Redirects are never followed (see webhook-sender.ts).
 */
@Injectable()
export class WebhookAddressGuard {
  private readonly allowed = new BlockList();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const cidr of config.WEBHOOK_ALLOWED_NETWORKS) {
      const [ip, bits] = cidr.split('/');
      this.allowed.addSubnet(ip, Number(bits), isIP(ip) === 4 ? 'ipv4' : 'ipv6');
    }
  }

  /** Throws WebhookAddressRefused with a sentence HR can act on; resolves the name like the sender will. */
  async assertAllowed(url: URL): Promise<void> {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookAddressRefused('Only https:// URLs can receive webhooks.');
    if (url.username || url.password) throw new WebhookAddressRefused('Put no user name or password in the URL; check the signature instead.');
    const host = hostOf(url);
    const addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
    for (const ip of addresses) this.assertAddress(ip, url.protocol === 'https:');
  }

  /** A `lookup` for http(s).request that refuses any address the guard does not allow. */
  lookupFor(https: boolean) {
    return (hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, []);
        try {
          for (const a of addresses) this.assertAddress(a.address, https);
        } catch (e) {
          return callback(e as Error, []);
        }
        const all = (options as { all?: boolean }).all;
        if (all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      });
    };
  }

  /** For IP literals, which Node connects to without calling `lookup`. */
  assertAddress(ip: string, https: boolean): void {
    const family = isIP(ip) === 4 ? 'ipv4' : 'ipv6';
    if (this.allowed.check(ip, family)) return;
    if (!isPublicAddress(ip)) throw new WebhookAddressRefused(`The URL leads to ${ip}, which is not a public address. Your operator can allow internal networks (WEBHOOK_ALLOWED_NETWORKS).`);
    if (!https) throw new WebhookAddressRefused('Only https:// URLs can receive webhooks.');
  }
}

export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(new WebhookAddressRefused(`The host ${host} cannot be resolved.`)) : resolve(addresses))),
  );
}
