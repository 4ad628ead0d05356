// Mirrors the API's domain rule (libs/shared-types InviteSettingsSchema) so a typo is caught as the
// chip is typed; the server still has the last word. Kept here, not imported: a value import from
// @teamframe/shared-types would pull zod into the bundle.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The API accepts at most this many domains. */
export const MAX_INVITE_DOMAINS = 50;

/** "  @Example.COM " → "example.com": what people paste (an address's tail, capitals) made canonical. */
export function normaliseDomain(raw: string): string {
  return raw.trim().toLowerCase().replace(/^.*@/, '').replace(/\.$/, '');
}

export function isValidDomain(domain: string): boolean {
  return DOMAIN.test(domain);
}

/** Splits a pasted list ("a.com, b.com c.com") into its entries, empties dropped. */
export function splitDomains(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map(normaliseDomain)
    .filter((d) => d.length > 0);
}

/** `allowedDomains.3` → 3; any other path → null. */
export function domainIndexFromPath(path: string): number | null {
  const m = /^allowedDomains\.(\d+)$/.exec(path);
  return m ? Number(m[1]) : null;
}
