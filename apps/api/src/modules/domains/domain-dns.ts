import { Resolver } from 'node:dns/promises';

/** Where an org publishes its proof, and what the record says. */
export const challengeName = (domain: string) => `_teamframe-challenge.${domain}`;
export const challengeValue = (dnsToken: string) => `teamframe-domain-verification=${dnsToken}`;

/** `found`: the TXT strings at the name; `missing`: the name or record does not exist; `unreachable`: no answer. */
export type TxtLookup = { kind: 'found'; values: string[] } | { kind: 'missing' } | { kind: 'unreachable'; reason: string };

const MISSING = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

/**
 * TXT look-ups through node's resolver, against DNS_SERVERS when set (a test runs its own server on
 * loopback), with a short timeout so a slow DNS cannot hold a request long.
 */
export class DomainDns {
  private readonly resolver = new Resolver({ timeout: 3_000, tries: 2 });

  constructor(servers: string[] | undefined) {
    if (servers?.length) this.resolver.setServers(servers);
  }

  async txt(name: string): Promise<TxtLookup> {
    try {
      return { kind: 'found', values: (await this.resolver.resolveTxt(name)).map((chunks) => chunks.join('')) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      return MISSING.has(code) ? { kind: 'missing' } : { kind: 'unreachable', reason: code || (e as Error).message };
    }
  }
}
