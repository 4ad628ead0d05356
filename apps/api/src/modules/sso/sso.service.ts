import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateServiceProviderMetadata, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { SSO_DEFAULT_CLOCK_SKEW_SEC, type SsoConfigResponse, type SsoConfigUpdate, type SsoDiscoverQuery, type SsoDiscoverResponse } from '@teamframe/shared-types';
import type Redis from 'ioredis';
import { QueryFailedError } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/http/domain-error';
import { REDIS } from '../../core/redis/redis.module';
import { AuditService } from '../audit/audit.service';
import { DomainClaimsService } from '../domains/domain-claims.service';
import { SessionsService } from '../auth/sessions.service';
import type { Org } from '../orgs/entities/org.entity';
import { OrgsRepository } from '../orgs/orgs.repository';
import type { User } from '../users/entities/user.entity';
import { UsersRepository } from '../users/users.repository';
import { OrgSsoConfig } from './entities/org-sso-config.entity';
import { describeCertificate, MetadataError, parseIdpMetadata, toPem } from './idp-metadata';
import { relayStateOrRoot } from './relay-state';
import { roleFromAttributes } from './role-mapping';
import { checkAssertion, checkResponseEnvelope } from './saml-checks';
import { decryptResponse } from './saml-decrypt';
import { claimAssertionId, RedisSamlRequestCache } from './saml-request-cache';
import { SpKeyStore } from './sp-key-store';
import { SsoRepository } from './sso.repository';
import { SamlRefusal, ssoEmailTaken, ssoInvalidConfig, ssoNoRole, ssoNotAvailable, ssoRefused, ssoUserDisabled } from './sso.errors';

/** How long a browser may take at the IdP between our AuthnRequest and its answer. */
const REQUEST_TTL_MS = 10 * 60_000;
/** A base64 SAMLResponse larger than this is not a sign-in. */
const MAX_RESPONSE_CHARS = 512 * 1024;
const UNSPECIFIED_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

// Where IdPs put the email address and the display name (Okta/Keycloak/Google, Entra ID/ADFS, LDAP OIDs).
const EMAIL_ATTRIBUTES = ['email', 'mail', 'emailAddress', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'urn:oid:0.9.2342.19200300.100.1.3'];
const NAME_ATTRIBUTES = ['displayName', 'name', 'http://schemas.microsoft.com/identity/claims/displayname', 'urn:oid:2.16.840.1.113730.3.1.241'];
const GIVEN_NAME_ATTRIBUTES = ['firstName', 'givenName', 'given_name', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'urn:oid:2.5.4.42'];
const SURNAME_ATTRIBUTES = ['lastName', 'surname', 'sn', 'family_name', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'urn:oid:2.5.4.4'];
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SsoSignIn {
  token: string;
  expiresAt: Date;
  redirectTo: string;
}

interface SpUrls {
  entityId: string;
  acsUrl: string;
  metadataUrl: string;
  loginUrl: string;
}

@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);

  constructor(
    private readonly repo: SsoRepository,
    private readonly users: UsersRepository,
    private readonly orgs: OrgsRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly spKeys: SpKeyStore,
    private readonly domains: DomainClaimsService,
  ) {}

  spUrls(slug: string): SpUrls {
    const base = `${this.config.PUBLIC_URL}/api/sso/${encodeURIComponent(slug)}`;
    return { entityId: `${base}/metadata`, acsUrl: `${base}/acs`, metadataUrl: `${base}/metadata`, loginUrl: `${base}/login` };
  }

  async getConfig(orgId: string): Promise<SsoConfigResponse> {
    return this.describe(await this.org(orgId), await this.repo.config(orgId));
  }

  async updateConfig(auth: AuthContext, input: SsoConfigUpdate): Promise<SsoConfigResponse> {
    const org = await this.org(auth.orgId);
    const existing = await this.repo.config(org.id);
    const next: OrgSsoConfig = existing ?? Object.assign(new OrgSsoConfig(), { orgId: org.id, ...defaults() });

    if (input.metadataXml !== undefined) {
      try {
        const meta = parseIdpMetadata(input.metadataXml);
        if (meta.certificates.length > 2) throw new MetadataError('metadataXml', 'lists more than 2 signing certificates: remove the retired ones at the IdP or set certificates directly');
        Object.assign(next, { idpEntityId: meta.entityId, ssoUrl: meta.ssoUrl, certificates: meta.certificates });
      } catch (e) {
        if (e instanceof MetadataError) throw ssoInvalidConfig(e.path, e.message);
        throw e;
      }
    }
    if (input.idpEntityId !== undefined) next.idpEntityId = input.idpEntityId;
    if (input.ssoUrl !== undefined) next.ssoUrl = input.ssoUrl;
    if (input.certificates !== undefined) {
      next.certificates = input.certificates.map((c, i) => {
        try {
          return toPem(c);
        } catch {
          throw ssoInvalidConfig(`certificates.${i}`, 'is not a valid X.509 certificate');
        }
      });
    }
    for (const key of ['allowIdpInitiated', 'clockSkewSec', 'roleMapping', 'emailDomains', 'signRequests'] as const) {
      if (input[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = input[key];
    }
    const configured = isConfigured(next);
    // Saving a complete IdP for the first time switches SSO on; after that only `enabled` does.
    next.enabled = input.enabled ?? (existing ? existing.enabled : configured);
    if (next.enabled && !configured) throw ssoInvalidConfig('enabled', 'needs the IdP entity ID, SSO URL and a signing certificate first');
    if (input.passwordLoginDisabled !== undefined) next.passwordLoginDisabled = input.passwordLoginDisabled;
    if (next.passwordLoginDisabled && input.passwordLoginDisabled === true && !existing?.passwordLoginDisabled) {
      // Proof that SSO works for the person flipping the switch, so they cannot lock themselves out.
      const actor = await this.users.byId(org.id, auth.userId);
      if (!next.enabled || !actor?.ssoSubject) {
        throw ssoInvalidConfig('passwordLoginDisabled', 'can be turned on only once SSO is enabled and you have signed in with it yourself (use "Test sign-in" first)');
      }
    }
    if (!next.enabled) next.passwordLoginDisabled = false;
    // Claiming a domain routes nobody yet (it must be proven); one verified elsewhere cannot be claimed.
    await this.domains.assertClaimable(org.id, next.emailDomains);

    await this.repo.saveConfig(next);
    await this.domains.sync(org.id, next.emailDomains);
    await this.audit.record({
      orgId: org.id,
      actorUserId: auth.userId,
      action: 'sso.config_updated',
      subjectType: 'org',
      subjectId: org.id,
      details: {
        fields: Object.keys(input).filter((k) => k !== 'metadataXml').concat(input.metadataXml !== undefined ? ['metadata'] : []),
        enabled: next.enabled,
        passwordLoginDisabled: next.passwordLoginDisabled,
        signRequests: next.signRequests,
        idpEntityId: next.idpEntityId,
        certificates: next.certificates.map((c) => describeCertificate(c).fingerprint),
      },
    });
    return this.describe(org, next);
  }

  /**
   * Our SP metadata for the org's IdP admin: entity ID, ACS, and our certificate (encryption always;
   * signing with AuthnRequestsSigned="true" when requests are signed). Available before the IdP is configured.
   */
  async spMetadata(slug: string): Promise<string> {
    const org = await this.orgs.bySlug(slug);
    if (!org) throw new DomainError('NOT_FOUND', 'No organisation has this address. Check the link.');
    const cfg = await this.repo.config(org.id);
    const urls = this.spUrls(org.slug);
    const { privateKeyPem, certificatePem } = await this.spKeys.keyPair(org.id, org.slug);
    // node-saml publishes a KeyDescriptor only when given the matching private key; it does not put
    // the key itself into the XML.
    return generateServiceProviderMetadata({
      issuer: urls.entityId,
      callbackUrl: urls.acsUrl,
      identifierFormat: UNSPECIFIED_NAME_ID,
      wantAssertionsSigned: true,
      decryptionPvk: privateKeyPem,
      decryptionCert: certificatePem,
      ...((cfg ?? defaults()).signRequests ? { privateKey: privateKeyPem, publicCerts: [certificatePem], signatureAlgorithm: 'sha256' as const } : {}),
    });
  }

  /**
   * The IdP URL carrying our AuthnRequest. Its ID is remembered in Redis for InResponseTo. When an
   * owner or admin already signed in with a password starts it ("Test sign-in"), their account is
   * linked to the SSO identity that comes back, which is how existing accounts move to SSO.
   */
  async loginUrl(slug: string, relayState: unknown, sessionToken: string | undefined): Promise<string> {
    const { org, cfg } = await this.enabledOrg(slug);
    const current = sessionToken ? await this.sessions.resolve(sessionToken) : null;
    const requestId = `_${randomBytes(20).toString('hex')}`;
    const saml = this.saml(org, cfg, { requestId, signingKey: cfg.signRequests ? (await this.spKeys.keyPair(org.id, org.slug)).privateKeyPem : undefined });
    const url = await saml.getAuthorizeUrlAsync(relayStateOrRoot(relayState), undefined, {});
    if (current && current.orgId === org.id) {
      await this.redis.set(linkKey(org.id, requestId), current.userId, 'PX', REQUEST_TTL_MS);
    }
    return url;
  }

  /** Validates the IdP's POST and signs the user in; every refusal is the same 401. */
  async acs(slug: string, body: Record<string, unknown> | undefined, ip: string): Promise<SsoSignIn> {
    const org = await this.orgs.bySlug(slug);
    const cfg = org ? await this.repo.enabledConfig(org.id) : null;
    if (!org || !cfg || !isConfigured(cfg)) {
      this.logger.warn({ slug }, 'SAML response for an org without SSO');
      throw ssoRefused();
    }
    try {
      return await this.acceptResponse(org, cfg, body, ip);
    } catch (e) {
      if (!(e instanceof SamlRefusal)) throw e;
      this.logger.warn({ orgId: org.id, reason: e.reason }, 'SAML response refused');
      await this.audit.record({ orgId: org.id, actorUserId: null, action: 'auth.sso_refused', details: { reason: e.reason, ip } });
      throw ssoRefused();
    }
  }

  async discover(query: SsoDiscoverQuery): Promise<SsoDiscoverResponse> {
    const org = await this.repo.orgForSignIn(query);
    if (!org) throw new DomainError('NOT_FOUND', 'No organisation uses single sign-on for this address. Sign in with your password, or ask your administrator for your organisation’s SSO link.');
    return { orgSlug: org.slug, orgName: org.name, loginUrl: `/api/sso/${encodeURIComponent(org.slug)}/login` };
  }

  private async acceptResponse(org: Org, cfg: OrgSsoConfig, body: Record<string, unknown> | undefined, ip: string): Promise<SsoSignIn> {
    const samlResponse = body?.SAMLResponse;
    if (typeof samlResponse !== 'string' || samlResponse.length === 0 || samlResponse.length > MAX_RESPONSE_CHARS) throw new SamlRefusal('no SAMLResponse in the POST');
    const urls = this.spUrls(org.slug);
    // The key is opened only when an assertion is encrypted; plain sign-ins never touch it.
    let decryptionKey: string | undefined;
    const loadKey = async () => (decryptionKey ??= (await this.spKeys.keyPair(org.id, org.slug)).privateKeyPem);
    const decrypted = await decryptResponse(Buffer.from(samlResponse, 'base64').toString('utf8'), loadKey);
    checkResponseEnvelope(decrypted.xml, urls.acsUrl);

    let profile;
    try {
      // node-saml gets the response as the IdP sent it: a response signature covers the encrypted form.
      ({ profile } = await this.saml(org, cfg, { decryptionKey }).validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (e) {
      throw new SamlRefusal(`node-saml: ${(e as Error).message}`);
    }
    if (!profile?.getAssertionXml) throw new SamlRefusal('response carries no assertion');
    const inResponseTo = typeof profile.inResponseTo === 'string' ? profile.inResponseTo : null;
    if (!inResponseTo && !cfg.allowIdpInitiated) throw new SamlRefusal('unsolicited response and IdP-initiated sign-in is off');
    const assertion = checkAssertion(profile.getAssertionXml(), {
      idpEntityId: cfg.idpEntityId!,
      spEntityId: urls.entityId,
      acsUrl: urls.acsUrl,
      inResponseTo,
      skewMs: cfg.clockSkewSec * 1000,
    });
    // What node-saml verified must be what we decrypted and counted above.
    if (decrypted.assertionId !== null && assertion.id !== decrypted.assertionId) throw new SamlRefusal('verified assertion is not the decrypted one');
    const ttl = assertion.expiresAtMs + cfg.clockSkewSec * 1000 - Date.now();
    if (!(await claimAssertionId(this.redis, org.id, assertion.id, ttl))) throw new SamlRefusal(`assertion ${assertion.id} was already used (replay)`);

    const linkUserId = inResponseTo ? await this.redis.getdel(linkKey(org.id, inResponseTo)) : null;
    const user = await this.findOrProvision(org, cfg, assertion.nameId, assertion.attributes, linkUserId, ip);
    const { token, expiresAt } = await this.sessions.create(user.id, org.id);
    await this.audit.record({ orgId: org.id, actorUserId: user.id, action: 'auth.login', subjectType: 'user', subjectId: user.id, details: { method: 'sso', ip, idp: cfg.idpEntityId } });
    return { token, expiresAt, redirectTo: relayStateOrRoot(body?.RelayState) };
  }

  /** Users are found by (org, NameID) only; the email in an assertion never selects an account. */
  private async findOrProvision(org: Org, cfg: OrgSsoConfig, nameId: string, attributes: Record<string, string[]>, linkUserId: string | null, ip: string): Promise<User> {
    const known = await this.users.bySsoSubject(org.id, nameId);
    if (known) {
      if (known.disabledAt) throw ssoUserDisabled();
      return known;
    }
    if (linkUserId) {
      const linking = await this.users.byId(org.id, linkUserId);
      if (linking && !linking.disabledAt && !linking.ssoSubject) {
        await this.users.linkSsoSubject(org.id, linking.id, nameId);
        await this.audit.record({ orgId: org.id, actorUserId: linking.id, action: 'user.sso_linked', subjectType: 'user', subjectId: linking.id, details: { nameId, ip } });
        return { ...linking, ssoSubject: nameId };
      }
    }
    const role = roleFromAttributes(cfg.roleMapping, attributes);
    if (!role) {
      await this.audit.record({ orgId: org.id, actorUserId: null, action: 'auth.sso_no_role', details: { nameId, ip } });
      throw ssoNoRole();
    }
    const email = (first(attributes, EMAIL_ATTRIBUTES) ?? (EMAIL_SHAPE.test(nameId) ? nameId : null))?.toLowerCase();
    if (!email || !EMAIL_SHAPE.test(email) || email.length > 320) {
      throw new DomainError('FORBIDDEN', 'Your identity provider did not send your email address. Ask your administrator to release the email attribute to Teamframe.');
    }
    const given = first(attributes, GIVEN_NAME_ATTRIBUTES);
    const surname = first(attributes, SURNAME_ATTRIBUTES);
    const displayName = (first(attributes, NAME_ATTRIBUTES) ?? ([given, surname].filter(Boolean).join(' ') || email.split('@')[0])).slice(0, 200);
    try {
      const user = await this.users.create({ orgId: org.id, email, displayName, role, passwordHash: null, disabledAt: null, ssoSubject: nameId });
      await this.audit.record({ orgId: org.id, actorUserId: user.id, action: 'user.provisioned_sso', subjectType: 'user', subjectId: user.id, details: { role, nameId, ip } });
      return user;
    } catch (e) {
      if (e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === '23505') {
        // Two first sign-ins at once: the other one created the user.
        const raced = await this.users.bySsoSubject(org.id, nameId);
        if (raced) return raced;
        throw ssoEmailTaken();
      }
      throw e;
    }
  }

  /** The caller's own org: it exists while their session does. */
  private async org(orgId: string): Promise<Org> {
    const org = await this.orgs.byId(orgId);
    if (!org) throw new Error(`org ${orgId} is gone`);
    return org;
  }

  private async enabledOrg(slug: string): Promise<{ org: Org; cfg: OrgSsoConfig }> {
    const org = await this.orgs.bySlug(slug);
    const cfg = org ? await this.repo.enabledConfig(org.id) : null;
    if (!org || !cfg || !isConfigured(cfg)) throw ssoNotAvailable();
    return { org, cfg };
  }

  private saml(org: Org, cfg: OrgSsoConfig, opts: { requestId?: string; signingKey?: string; decryptionKey?: string } = {}): SAML {
    const { requestId, signingKey, decryptionKey } = opts;
    const urls = this.spUrls(org.slug);
    return new SAML({
      issuer: urls.entityId,
      callbackUrl: urls.acsUrl,
      entryPoint: cfg.ssoUrl!,
      idpCert: cfg.certificates,
      idpIssuer: cfg.idpEntityId!,
      audience: urls.entityId,
      // Either the assertion or the whole response must carry a valid signature by a configured
      // certificate (IdPs differ: Google can sign the response only); node-saml enforces that with
      // both flags off, and refuses a response where neither verifies.
      wantAssertionsSigned: false,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: cfg.clockSkewSec * 1000,
      validateInResponseTo: cfg.allowIdpInitiated ? ValidateInResponseTo.ifPresent : ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: REQUEST_TTL_MS,
      cacheProvider: new RedisSamlRequestCache(this.redis, org.id, REQUEST_TTL_MS),
      // No NameIDPolicy format and no RequestedAuthnContext: both make some IdPs (Entra ID, Okta) refuse.
      identifierFormat: null,
      disableRequestedAuthnContext: true,
      signatureAlgorithm: 'sha256',
      // With a key, the HTTP-Redirect URL carries SigAlg and Signature (rsa-sha256).
      ...(signingKey ? { privateKey: signingKey } : {}),
      ...(decryptionKey ? { decryptionPvk: decryptionKey } : {}),
      ...(requestId ? { generateUniqueId: () => requestId } : {}),
    });
  }

  private async describe(org: Org, cfg: OrgSsoConfig | null): Promise<SsoConfigResponse> {
    const c = cfg ?? ({ ...defaults(), orgId: org.id } as OrgSsoConfig);
    // The certificate only: the private key never leaves SpKeyStore except to node-saml.
    const certificate = describeCertificate(await this.spKeys.certificate(org.id, org.slug));
    return {
      configured: isConfigured(c),
      enabled: c.enabled,
      idpEntityId: c.idpEntityId,
      ssoUrl: c.ssoUrl,
      certificates: c.certificates.map(describeCertificate),
      allowIdpInitiated: c.allowIdpInitiated,
      clockSkewSec: c.clockSkewSec,
      roleMapping: c.roleMapping,
      emailDomains: c.emailDomains,
      domainClaims: await this.domains.claims(org.id),
      passwordLoginDisabled: c.passwordLoginDisabled,
      signRequests: c.signRequests,
      sp: { ...this.spUrls(org.slug), certificate },
    };
  }
}

function defaults(): Omit<OrgSsoConfig, 'orgId' | 'updatedAt'> {
  return {
    enabled: false,
    idpEntityId: null,
    ssoUrl: null,
    certificates: [],
    allowIdpInitiated: false,
    clockSkewSec: SSO_DEFAULT_CLOCK_SKEW_SEC,
    roleMapping: [],
    emailDomains: [],
    passwordLoginDisabled: false,
    // On for new setups: the IdP is configured from our metadata, which carries the certificate.
    signRequests: true,
  };
}

function isConfigured(c: Pick<OrgSsoConfig, 'idpEntityId' | 'ssoUrl' | 'certificates'>): boolean {
  return Boolean(c.idpEntityId && c.ssoUrl && c.certificates.length > 0);
}

function first(attributes: Record<string, string[]>, names: string[]): string | null {
  for (const n of names) {
    const v = attributes[n]?.find((x) => x.length > 0);
    if (v) return v;
  }
  return null;
}

const linkKey = (orgId: string, requestId: string) => `sso:link:${orgId}:${requestId}`;
