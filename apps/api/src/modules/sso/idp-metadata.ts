import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import type { SsoCertificateInfo } from '@teamframe/shared-types';

const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  certificates: string[];
}

/** Thrown with the field the problem is in, so the owner knows what to fix. */
export class MetadataError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads an IdP's SAML metadata: entity ID, the HTTP-Redirect SingleSignOnService and the signing
 * certificates (KeyDescriptors without `use` sign too). DTDs are refused (no entity expansion).
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (/<!DOCTYPE/i.test(xml)) throw new MetadataError('metadataXml', 'must not contain a DOCTYPE');
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: { error: (m) => errors.push(m), fatalError: (m) => errors.push(m) } }).parseFromString(xml, 'text/xml');
  if (errors.length || !doc?.documentElement) throw new MetadataError('metadataXml', 'is not well-formed XML');
  const root = doc.documentElement;
  // An EntitiesDescriptor with one IdP is common (e.g. exported from a federation); take the first IdP.
  const idp = root.getElementsByTagNameNS(MD_NS, 'IDPSSODescriptor')[0];
  if (!idp) throw new MetadataError('metadataXml', 'has no IDPSSODescriptor: paste the identity provider metadata, not the service provider one');
  const entity = idp.parentNode as Element | null;
  const entityId = entity?.getAttribute('entityID')?.trim();
  if (!entityId) throw new MetadataError('metadataXml', 'has no entityID');

  const services = Array.from(idp.getElementsByTagNameNS(MD_NS, 'SingleSignOnService'));
  const redirect = services.find((s) => s.getAttribute('Binding') === REDIRECT_BINDING);
  const ssoUrl = redirect?.getAttribute('Location')?.trim();
  if (!ssoUrl) throw new MetadataError('metadataXml', 'has no SingleSignOnService with the HTTP-Redirect binding');
  if (!/^https?:\/\//i.test(ssoUrl)) throw new MetadataError('metadataXml', 'has a SingleSignOnService Location that is not an http(s) URL');

  const certificates = Array.from(idp.getElementsByTagNameNS(MD_NS, 'KeyDescriptor'))
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((k) => Array.from(k.getElementsByTagNameNS(DSIG_NS, 'X509Certificate')))
    .map((c) => toPem(c.textContent ?? ''));
  const unique = [...new Set(certificates)];
  if (unique.length === 0) throw new MetadataError('metadataXml', 'has no signing certificate');
  return { entityId, ssoUrl, certificates: unique };
}

/** PEM from a PEM or a bare base64 body; throws when it is not an X.509 certificate. */
export function toPem(certificate: string): string {
  const body = certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
  new X509Certificate(pem);
  return pem;
}

export function describeCertificate(pem: string): SsoCertificateInfo {
  const cert = new X509Certificate(pem);
  return { fingerprint: cert.fingerprint256, subject: cert.subject.replace(/\n/g, ', '), notAfter: new Date(cert.validTo).toISOString() };
}
