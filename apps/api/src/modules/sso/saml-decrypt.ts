import { XMLSerializer } from '@xmldom/xmldom';
// node-saml's own helper (xml-encryption underneath), so we open assertions exactly as it does.
import { decryptXml } from '@node-saml/node-saml/lib/xml';
import { ASSERTION_NS, parse, PROTOCOL_NS } from './saml-checks';
import { SamlRefusal } from './sso.errors';

export interface DecryptedResponse {
  /** The Response with its EncryptedAssertion replaced by the plain Assertion; unchanged when none. */
  xml: string;
  /** The decrypted assertion's ID; null when the response carried no encrypted assertion. */
  assertionId: string | null;
}

/**
 * Opens the one EncryptedAssertion of a Response with our SP key, so that the envelope checks
 * (saml-checks.ts: exactly one assertion, Destination) see what the IdP actually asserted. Only a
 * top-level EncryptedAssertion is opened; any other is left in place and makes the count fail.
 * The signature is not checked here: node-saml does that on the original response afterwards.
 */
export async function decryptResponse(xml: string, privateKey: () => Promise<string>): Promise<DecryptedResponse> {
  const doc = parse(xml);
  const root = doc.documentElement;
  const encrypted = Array.from(doc.getElementsByTagNameNS(ASSERTION_NS, 'EncryptedAssertion'));
  const topLevel = encrypted.filter((e) => e.parentNode === root && root.namespaceURI === PROTOCOL_NS && root.localName === 'Response');
  if (encrypted.length !== 1 || topLevel.length !== 1) return { xml, assertionId: null };

  let plain: string;
  try {
    plain = await decryptXml(topLevel[0].toString(), await privateKey());
  } catch {
    // The library's message (OpenSSL padding errors and the like) says nothing useful to an admin.
    throw new SamlRefusal('encrypted assertion could not be decrypted with our SP key (was it encrypted to the certificate in our current metadata?)');
  }
  const assertion = parse(plain).documentElement;
  if (assertion.namespaceURI !== ASSERTION_NS || assertion.localName !== 'Assertion') throw new SamlRefusal('EncryptedAssertion does not hold an assertion');
  root.replaceChild(doc.importNode(assertion, true), topLevel[0]);
  return { xml: new XMLSerializer().serializeToString(doc), assertionId: assertion.getAttribute('ID') };
}
