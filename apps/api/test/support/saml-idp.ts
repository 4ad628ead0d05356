import { execFileSync } from 'node:child_process';
import { constants, createCipheriv, publicEncrypt, randomBytes, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { ApiErrorBody } from '@teamframe/shared-types';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

const NS = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';

/** A key pair and self-signed certificate made by openssl (node has no X.509 builder). */
export function makeSigningKey(cn: string): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tf-idp-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${cn}`, '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'pipe' });
    return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const certBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
const iso = (ms: number) => new Date(ms).toISOString();
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ResponseOptions {
  /** Our ACS and SP entity ID, as the SP metadata says. */
  acsUrl: string;
  audience: string;
  nameId: string;
  inResponseTo?: string;
  attributes?: Record<string, string[]>;
  /** What to sign: the assertion (default), the whole response, both, or nothing. */
  sign?: 'assertion' | 'response' | 'both' | 'none';
  /** Sign with this key instead of the IdP's own (a forger's key). */
  signingKey?: { key: string; cert: string };
  destination?: string | null;
  recipient?: string;
  issuer?: string;
  /** Lifetime of the assertion from now, in ms; negative for an expired one. */
  validForMs?: number;
  /** Issue time offset from now, in ms. */
  issuedAgoMs?: number;
  assertionId?: string;
  /** Puts a second (unsigned, attacker-made) assertion after the first. */
  extraAssertion?: boolean;
  /** Encrypts the (signed) assertion to this certificate, as an IdP set to encrypt does. */
  encryptTo?: string;
}

/** An identity provider the test suite runs itself: metadata, AuthnRequest reading, signed Responses. */
export class TestIdp {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly keys: { key: string; cert: string }[];
  private active = 0;

  constructor(readonly name: string, keyCount = 1) {
    this.entityId = `https://idp.${name}.test/saml/metadata`;
    this.ssoUrl = `https://idp.${name}.test/saml/sso`;
    this.keys = Array.from({ length: keyCount }, (_, i) => makeSigningKey(`${name} IdP signing ${i + 1}`));
  }

  /** Which key signs from now on (certificate rotation). */
  useKey(index: number): void {
    this.active = index;
  }

  metadataXml(): string {
    const keyDescriptors = this.keys
      .map((k) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(k.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
      .join('');
    return (
      `<?xml version="1.0" encoding="UTF-8"?>` +
      `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${this.entityId}">` +
      `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keyDescriptors}` +
      `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${this.ssoUrl}/post"/>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${this.ssoUrl}"/>` +
      `</md:IDPSSODescriptor></md:EntityDescriptor>`
    );
  }

  /** Reads the AuthnRequest out of our 302 to the IdP (HTTP-Redirect binding: deflate + base64). */
  static readAuthnRequest(location: string): { id: string; acsUrl: string; issuer: string; destination: string; relayState: string | null; xml: string } {
    const url = new URL(location);
    const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    const attr = (name: string) => xml.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? '';
    return { id: attr('ID'), acsUrl: attr('AssertionConsumerServiceURL'), destination: attr('Destination'), issuer: xml.match(/<saml:Issuer[^>]*>([^<]*)</)?.[1] ?? '', relayState: url.searchParams.get('RelayState'), xml };
  }

  /**
   * Checks the HTTP-Redirect binding signature of our 302 (SAML bindings 3.4.4.1): the signed octets
   * are the query parameters SAMLRequest, RelayState, SigAlg exactly as URL-encoded in the Location.
   */
  static redirectSignature(location: string, certificatePem: string): { sigAlg: string | null; valid: boolean } {
    const raw = new Map(new URL(location).search.slice(1).split('&').map((p) => p.split('=', 2) as [string, string]));
    const sigAlg = raw.has('SigAlg') ? decodeURIComponent(raw.get('SigAlg')!) : null;
    const signature = raw.get('Signature');
    if (!sigAlg || !signature) return { sigAlg, valid: false };
    const signed = ['SAMLRequest', 'RelayState', 'SigAlg'].filter((k) => raw.has(k)).map((k) => `${k}=${raw.get(k)}`).join('&');
    const valid = verify('sha256', Buffer.from(signed, 'utf8'), new X509Certificate(certificatePem).publicKey, Buffer.from(decodeURIComponent(signature), 'base64'));
    return { sigAlg, valid };
  }

  /** A base64 SAMLResponse, signed as asked. */
  response(o: ResponseOptions): string {
    const now = Date.now() - (o.issuedAgoMs ?? 0);
    const until = Date.now() + (o.validForMs ?? 5 * 60_000);
    const responseId = `_r${randomBytes(16).toString('hex')}`;
    const assertionId = o.assertionId ?? `_a${randomBytes(16).toString('hex')}`;
    const issuer = o.issuer ?? this.entityId;
    const inResponseTo = o.inResponseTo ? ` InResponseTo="${o.inResponseTo}"` : '';
    const destination = o.destination === null ? '' : ` Destination="${xmlText(o.destination ?? o.acsUrl)}"`;
    const attributes = Object.entries(o.attributes ?? {})
      .map(([name, values]) => `<saml:Attribute Name="${xmlText(name)}">${values.map((v) => `<saml:AttributeValue>${xmlText(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`)
      .join('');
    const assertion = (id: string, nameId: string) =>
      `<saml:Assertion ID="${id}" Version="2.0" IssueInstant="${iso(now)}">` +
      `<saml:Issuer>${xmlText(issuer)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${xmlText(nameId)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(until)}" Recipient="${xmlText(o.recipient ?? o.acsUrl)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${iso(now - 5_000)}" NotOnOrAfter="${iso(until)}"><saml:AudienceRestriction><saml:Audience>${xmlText(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${id}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
      `</saml:Assertion>`;
    let xml =
      `<samlp:Response ${NS} ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}"${destination}${inResponseTo}>` +
      `<saml:Issuer>${xmlText(issuer)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      assertion(assertionId, o.nameId) +
      (o.extraAssertion ? assertion(`_x${randomBytes(8).toString('hex')}`, 'someone-else') : '') +
      `</samlp:Response>`;
    const signer = o.signingKey ?? this.keys[this.active];
    const sign = o.sign ?? 'assertion';
    if (sign === 'assertion' || sign === 'both') xml = signXml(xml, signer, `//*[@ID='${assertionId}']`);
    if (o.encryptTo) xml = encryptAssertion(xml, assertionId, o.encryptTo);
    if (sign === 'response' || sign === 'both') xml = signXml(xml, signer, `/*[local-name(.)='Response']`);
    return Buffer.from(xml, 'utf8').toString('base64');
  }
}

/** Enveloped signature, placed right after the element's Issuer as the SAML schema wants. */
function signXml(xml: string, k: { key: string; cert: string }, elementXpath: string): string {
  const sig = new SignedXml({
    privateKey: k.key,
    publicCert: k.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: elementXpath,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, { location: { reference: `${elementXpath}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

/**
 * XML Encryption 1.1 as IdPs send it: a fresh AES-256-GCM key for the assertion, wrapped with
 * RSA-OAEP to the SP certificate. Written with node:crypto, independently of the library the API
 * decrypts with, so a shared misreading of the format cannot hide.
 */
function encryptAssertion(xml: string, assertionId: string, certificatePem: string): string {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const assertion = Array.from(doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Assertion')).find((a) => a.getAttribute('ID') === assertionId)!;
  const plain = new XMLSerializer().serializeToString(assertion);
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt({ key: new X509Certificate(certificatePem).publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, key);
  const encrypted =
    `<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">` +
    `<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element">` +
    `<xenc:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>` +
    `<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey>` +
    `<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"><ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/></xenc:EncryptionMethod>` +
    `<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
    `</xenc:EncryptedKey></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${body.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
    `</xenc:EncryptedData></saml:EncryptedAssertion>`;
  assertion.parentNode!.replaceChild(doc.importNode(new DOMParser().parseFromString(encrypted, 'text/xml').documentElement, true), assertion);
  return new XMLSerializer().serializeToString(doc);
}

export interface FormPostResult {
  status: number;
  location: string | null;
  setCookies: string[];
  session: string | null;
  /** The error body when the ACS refused (undefined on a redirect). */
  json: ApiErrorBody;
  text: string;
}

/** What the browser does with the IdP's auto-submitting form: a cross-site POST, no CSRF header. */
export async function postForm(url: string, fields: Record<string, string>, accept = 'application/json'): Promise<FormPostResult> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept }, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
  const setCookies = res.headers.getSetCookie();
  const session = setCookies.find((c) => c.startsWith('tf_session='))?.split(';')[0].slice('tf_session='.length) || null;
  const text = await res.text();
  let json = undefined as unknown as ApiErrorBody;
  try {
    json = JSON.parse(text) as ApiErrorBody;
  } catch {
    // a redirect or an HTML page
  }
  return { status: res.status, location: res.headers.get('location'), setCookies, session, json, text };
}
