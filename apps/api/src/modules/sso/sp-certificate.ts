import { createPrivateKey, generateKeyPair, randomBytes, sign, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';

/*
 * A self-signed X.509 certificate for our SP key, built in-process: node:crypto makes RSA keys and
 * signatures but has no certificate builder, and the one library that has one here (node-forge) is
 * only a deep transitive dependency. A certificate is a handful of DER structures, written below.
 */

const generate = promisify(generateKeyPair);

/** SAML SP certificates are not checked for expiry by IdPs in practice; a long life avoids forced rotations. */
const VALIDITY_YEARS = 10;

export interface SpKeyPair {
  /** PKCS#8 PEM. Secret: stored only encrypted (sp-key-store.ts). */
  privateKeyPem: string;
  certificatePem: string;
}

export async function generateSpKeyPair(commonName: string, now = new Date()): Promise<SpKeyPair> {
  const { privateKey, publicKey } = await generate('rsa', { modulusLength: 2048 });
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName.slice(0, 64)))));
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), NULL);
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // positive, and never a leading zero byte to strip
  serial[0] |= 0x40;
  const extensions = tlv(
    0xa3,
    seq(
      // basicConstraints cA=false, critical: this key signs SAML messages, never certificates.
      seq(oid('2.5.29.19'), TRUE, octets(seq())),
      // keyUsage digitalSignature + keyEncipherment (signed AuthnRequests, encrypted assertions).
      seq(oid('2.5.29.15'), TRUE, octets(Buffer.from([0x03, 0x02, 0x05, 0xa0]))),
    ),
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    sha256WithRsa,
    name,
    seq(derTime(now), derTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  // Parse it back and check the signature: a malformed builder must fail here, not at the IdP.
  if (!new X509Certificate(certificatePem).verify(publicKey)) throw new Error('generated SP certificate does not verify');
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), certificatePem };
}

/** True when the PEM private key belongs to the certificate (a guard after decrypting the stored key). */
export function keyMatchesCertificate(privateKeyPem: string, certificatePem: string): boolean {
  return new X509Certificate(certificatePem).checkPrivateKey(createPrivateKey(privateKeyPem));
}

const NULL = Buffer.from([0x05, 0x00]);
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const octets = (content: Buffer) => tlv(0x04, content);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const integer = (unsigned: Buffer) => tlv(0x02, unsigned[0] & 0x80 ? Buffer.concat([Buffer.from([0]), unsigned]) : unsigned);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 section 4.1.2.5 requires. */
function derTime(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}
