import { createHmac, randomBytes } from 'node:crypto';

/** The header every delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256>` (one v1 per live secret). */
export const SIGNATURE_HEADER = 'Teamframe-Signature';

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Signs `<t>.<body>` with each secret. The timestamp is inside the signed string, so a receiver that
 * rejects old timestamps (we suggest five minutes) cannot be fed a captured request again later.
 */
export function signatureHeader(secrets: string[], body: string, unixSeconds: number): string {
  return [`t=${unixSeconds}`, ...secrets.map((s) => `v1=${createHmac('sha256', s).update(`${unixSeconds}.${body}`).digest('hex')}`)].join(',');
}
