import { DOMParser } from '@xmldom/xmldom';
import { SamlRefusal } from './sso.errors';

export const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/*
 * The checks node-saml 5 does not make (verified against its source and by tests/sso.spec.ts):
 * it never compares Response/@Destination or SubjectConfirmationData/@Recipient with our ACS, never
 * checks the assertion's Issuer, only counts assertions that are direct children of the Response,
 * and does not require an expiry when InResponseTo is not validated (IdP-initiated). It also keeps
 * no record of used assertion IDs: the replay cache is ours (saml-request-cache.ts).
 */

export function parse(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new SamlRefusal('DOCTYPE in SAML message');
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: { error: (m) => errors.push(m), fatalError: (m) => errors.push(m) } }).parseFromString(xml, 'text/xml');
  if (errors.length || !doc?.documentElement) throw new SamlRefusal('SAML message is not well-formed XML');
  return doc;
}

function children(el: Element, ns: string, name: string): Element[] {
  return Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name);
}

function time(value: string | null, what: string): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new SamlRefusal(`${what} is not a valid time`);
  return ms;
}

/** Checks on the whole, not yet verified, Response: its shape and where it was meant to go. */
export function checkResponseEnvelope(xml: string, acsUrl: string): void {
  const doc = parse(xml);
  const root = doc.documentElement;
  if (root.namespaceURI !== PROTOCOL_NS || root.localName !== 'Response') throw new SamlRefusal('not a SAML Response');
  // Anywhere in the document, not only as direct children: a second assertion hidden in an
  // extension is the classic signature-wrapping setup.
  // Run on the response with its EncryptedAssertion already replaced by the plain one
  // (saml-decrypt.ts): an encrypted assertion still here was not ours to open, and counts.
  const assertions = doc.getElementsByTagNameNS(ASSERTION_NS, 'Assertion').length + doc.getElementsByTagNameNS(ASSERTION_NS, 'EncryptedAssertion').length;
  if (assertions !== 1) throw new SamlRefusal(`response holds ${assertions} assertions, expected exactly one`);
  const destination = root.getAttribute('Destination');
  const signed = children(root, DSIG_NS, 'Signature').length > 0;
  if (destination ? destination !== acsUrl : signed) throw new SamlRefusal(`Destination ${destination || '(missing)'} is not our ACS`);
}

export interface CheckedAssertion {
  id: string;
  nameId: string;
  /** When the assertion stops being usable (the earliest NotOnOrAfter), in ms since the epoch. */
  expiresAtMs: number;
  attributes: Record<string, string[]>;
}

export interface AssertionExpectations {
  idpEntityId: string;
  spEntityId: string;
  acsUrl: string;
  /** The Response's InResponseTo, null when unsolicited. */
  inResponseTo: string | null;
  skewMs: number;
  nowMs?: number;
}

/** Checks on the assertion as node-saml returned it: the signed bytes only. */
export function checkAssertion(assertionXml: string, expect: AssertionExpectations): CheckedAssertion {
  const now = expect.nowMs ?? Date.now();
  const assertion = parse(assertionXml).documentElement;
  if (assertion.namespaceURI !== ASSERTION_NS || assertion.localName !== 'Assertion') throw new SamlRefusal('signed content is not an assertion');
  const id = assertion.getAttribute('ID');
  if (!id || id.length > 256) throw new SamlRefusal('assertion has no usable ID');

  const issuer = children(assertion, ASSERTION_NS, 'Issuer')[0]?.textContent?.trim();
  if (issuer !== expect.idpEntityId) throw new SamlRefusal(`assertion Issuer ${issuer ?? '(missing)'} is not the configured IdP`);

  const subject = children(assertion, ASSERTION_NS, 'Subject')[0];
  const nameId = subject && children(subject, ASSERTION_NS, 'NameID')[0]?.textContent?.trim();
  if (!nameId || nameId.length > 1024) throw new SamlRefusal('assertion has no usable NameID');

  // At least one bearer confirmation must be for our ACS, unexpired, and answer our request.
  let confirmedUntil: number | null = null;
  const reasons: string[] = [];
  for (const sc of children(subject, ASSERTION_NS, 'SubjectConfirmation')) {
    if (sc.getAttribute('Method') !== BEARER) continue;
    const data = children(sc, ASSERTION_NS, 'SubjectConfirmationData')[0];
    if (!data) {
      reasons.push('bearer confirmation without data');
      continue;
    }
    const recipient = data.getAttribute('Recipient');
    const notOnOrAfter = time(data.getAttribute('NotOnOrAfter'), 'SubjectConfirmationData NotOnOrAfter');
    const notBefore = time(data.getAttribute('NotBefore'), 'SubjectConfirmationData NotBefore');
    const answers = data.getAttribute('InResponseTo');
    if (recipient !== expect.acsUrl) reasons.push(`Recipient ${recipient || '(missing)'} is not our ACS`);
    else if (notOnOrAfter === null) reasons.push('bearer confirmation has no NotOnOrAfter');
    else if (now - expect.skewMs >= notOnOrAfter) reasons.push('bearer confirmation expired');
    else if (notBefore !== null && now + expect.skewMs < notBefore) reasons.push('bearer confirmation not yet valid');
    else if (answers && answers !== expect.inResponseTo) reasons.push('SubjectConfirmationData InResponseTo does not match the Response');
    else {
      confirmedUntil = notOnOrAfter;
      break;
    }
  }
  if (confirmedUntil === null) throw new SamlRefusal(reasons[0] ?? 'assertion has no bearer SubjectConfirmation');

  const conditions = children(assertion, ASSERTION_NS, 'Conditions');
  if (conditions.length !== 1) throw new SamlRefusal('assertion must carry exactly one Conditions');
  const condEnd = time(conditions[0].getAttribute('NotOnOrAfter'), 'Conditions NotOnOrAfter');
  const condStart = time(conditions[0].getAttribute('NotBefore'), 'Conditions NotBefore');
  if (condEnd !== null && now - expect.skewMs >= condEnd) throw new SamlRefusal('assertion expired');
  if (condStart !== null && now + expect.skewMs < condStart) throw new SamlRefusal('assertion not yet valid');
  const restrictions = children(conditions[0], ASSERTION_NS, 'AudienceRestriction');
  if (restrictions.length === 0) throw new SamlRefusal('assertion has no AudienceRestriction');
  for (const r of restrictions) {
    if (!children(r, ASSERTION_NS, 'Audience').some((a) => a.textContent?.trim() === expect.spEntityId)) throw new SamlRefusal('assertion is for another audience');
  }

  const attributes: Record<string, string[]> = Object.create(null);
  for (const statement of children(assertion, ASSERTION_NS, 'AttributeStatement')) {
    for (const attr of children(statement, ASSERTION_NS, 'Attribute')) {
      const name = attr.getAttribute('Name');
      if (!name) continue;
      const values = children(attr, ASSERTION_NS, 'AttributeValue').map((v) => (v.textContent ?? '').trim());
      attributes[name] = [...(attributes[name] ?? []), ...values];
    }
  }
  return { id, nameId, expiresAtMs: Math.min(confirmedUntil, condEnd ?? Infinity), attributes };
}
