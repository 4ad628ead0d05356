import { z } from 'zod';
import { USER_ROLES } from './roles';

/** How many IdP signing certificates may be trusted at once: the current one and the next (rotation). */
export const SSO_MAX_CERTIFICATES = 2;
/** Clock skew tolerated on assertion timestamps, in seconds. Kept small on purpose. */
export const SSO_MAX_CLOCK_SKEW_SEC = 300;
export const SSO_DEFAULT_CLOCK_SKEW_SEC = 60;

// One PEM certificate, or the bare base64 body as IdP metadata and admin consoles show it.
const certificate = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(20_000)
  .refine((v) => /^(-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----|[A-Za-z0-9+/=\s]+)$/.test(v), 'must be a PEM or base64 X.509 certificate');

export const EmailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain like example.com');

/** One rule: when the assertion's `attribute` holds `value`, the user gets `role`. The first match wins. */
export const SsoRoleRuleSchema = z.strictObject({
  attribute: z.string().trim().min(1, 'is required').max(256),
  value: z.string().trim().min(1, 'is required').max(256),
  role: z.enum(USER_ROLES),
});
export type SsoRoleRule = z.infer<typeof SsoRoleRuleSchema>;

/**
 * `PUT /api/sso/config`. Either paste the IdP's metadata XML (entity ID, SSO URL and signing
 * certificates are read from it) or set those fields directly; fields given next to the metadata win.
 * Fields left out keep their stored value.
 */
export const SsoConfigUpdateSchema = z.strictObject({
  metadataXml: z.string().trim().min(1, 'is required').max(500_000).optional(),
  idpEntityId: z.string().trim().min(1, 'is required').max(1024).optional(),
  ssoUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048).optional(),
  certificates: z.array(certificate).min(1, 'needs at least one certificate').max(SSO_MAX_CERTIFICATES, `holds at most ${SSO_MAX_CERTIFICATES} certificates`).optional(),
  enabled: z.boolean().optional(),
  allowIdpInitiated: z.boolean().optional(),
  clockSkewSec: z.number().int().min(0).max(SSO_MAX_CLOCK_SKEW_SEC).optional(),
  roleMapping: z.array(SsoRoleRuleSchema).max(50).optional(),
  emailDomains: z.array(EmailDomainSchema).max(50).optional(),
  passwordLoginDisabled: z.boolean().optional(),
  /** Sign our AuthnRequests with the SP certificate from our metadata. */
  signRequests: z.boolean().optional(),
});
export type SsoConfigUpdate = z.infer<typeof SsoConfigUpdateSchema>;

export interface SsoCertificateInfo {
  /** SHA-256 fingerprint, colon-separated hex, as IdP consoles show it. */
  fingerprint: string;
  subject: string;
  notAfter: string;
}

/** `GET /api/sso/config`: the org's IdP settings and what to give the IdP (our SP side). */
export interface SsoConfigResponse {
  /** True once entity ID, SSO URL and a certificate are set. */
  configured: boolean;
  enabled: boolean;
  idpEntityId: string | null;
  ssoUrl: string | null;
  certificates: SsoCertificateInfo[];
  allowIdpInitiated: boolean;
  clockSkewSec: number;
  roleMapping: SsoRoleRule[];
  emailDomains: string[];
  /** Each of `emailDomains` with its proof: a domain routes nobody to this org until it is verified. */
  domainClaims: SsoDomainClaimDto[];
  passwordLoginDisabled: boolean;
  /** Whether our AuthnRequests are signed (AuthnRequestsSigned in our metadata). */
  signRequests: boolean;
  sp: {
    entityId: string;
    acsUrl: string;
    metadataUrl: string;
    loginUrl: string;
    /** Our SP certificate (in our metadata): the IdP may encrypt assertions to it and checks our request signatures with it. */
    certificate: SsoCertificateInfo;
  };
}

export const SsoDiscoverQuerySchema = z.union([
  z.strictObject({ email: z.string().trim().toLowerCase().max(320).pipe(z.email({ message: 'is not a valid email address' })) }),
  z.strictObject({ slug: z.string().trim().toLowerCase().min(1).max(100) }),
]);
export type SsoDiscoverQuery = z.infer<typeof SsoDiscoverQuerySchema>;

/** `GET /api/sso/discover`: where "Sign in with SSO" sends the browser. */
export interface SsoDiscoverResponse {
  orgSlug: string;
  orgName: string;
  loginUrl: string;
}

/**
 * The mailboxes a verification mail may go to: addresses that only the domain's administrators
 * receive (the role names certificate authorities accept), never a personal one anyone could hold.
 */
export const DOMAIN_PROOF_MAILBOXES = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'] as const;

/** `POST /api/sso/domains/:domain/mail`: send the verification link to one of the domain's role mailboxes. */
export const SsoDomainMailRequestSchema = z.strictObject({ mailbox: z.enum(DOMAIN_PROOF_MAILBOXES) });
export type SsoDomainMailRequest = z.infer<typeof SsoDomainMailRequestSchema>;

/** One e-mail domain an org claims for SSO discovery, and how far its proof is. */
export interface SsoDomainClaimDto {
  domain: string;
  /** `verified`: proven and routing; `pending`: claimed, routes nobody yet. */
  state: 'pending' | 'verified';
  verifiedBy: 'dns' | 'mail' | null;
  verifiedAt: string | null;
  /** The last re-check of the proof (daily for DNS, or on demand) and what it found. */
  lastCheckedAt: string | null;
  lastCheckResult: string | null;
  /** The TXT record that proves the domain: publish `value` at `name`. */
  dns: { name: string; value: string };
  /** Where a verification mail was last sent, while its link is valid. */
  mailSentTo: string | null;
}

/** `GET /api/operator/domains`: every claim of every org, for settling disputes. */
export interface OperatorDomainClaimDto {
  domain: string;
  orgId: string;
  orgName: string;
  orgSlug: string;
  state: 'pending' | 'verified';
  verifiedBy: 'dns' | 'mail' | null;
  verifiedAt: string | null;
  claimedAt: string;
}

