import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSpKeyPair, keyMatchesCertificate } from './sp-certificate';

describe('generateSpKeyPair', () => {
  it('makes a self-signed RSA 2048 certificate that parses, verifies and matches its key', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const pair = await generateSpKeyPair('Teamframe SAML SP acme', now);
    const cert = new X509Certificate(pair.certificatePem);
    expect(cert.subject).toBe('CN=Teamframe SAML SP acme');
    expect(cert.issuer).toBe(cert.subject);
    expect(new Date(cert.validFrom).toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(new Date(cert.validTo).toISOString()).toBe('2036-11-25T10:00:00.000Z');
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.ca).toBe(false);
    expect(createPrivateKey(pair.privateKeyPem).asymmetricKeyType).toBe('rsa');
    expect(keyMatchesCertificate(pair.privateKeyPem, pair.certificatePem)).toBe(true);
  });

  it('writes GeneralizedTime after 2049 and tells keys apart', async () => {
    const late = await generateSpKeyPair('late', new Date('2045-01-01T00:00:00Z'));
    expect(new Date(new X509Certificate(late.certificatePem).validTo).toISOString()).toBe('2055-01-01T00:00:00.000Z');
    const other = await generateSpKeyPair('other');
    expect(keyMatchesCertificate(other.privateKeyPem, late.certificatePem)).toBe(false);
  });
});
