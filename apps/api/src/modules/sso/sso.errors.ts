import { DomainError } from '../../core/http/domain-error';

/**
 * Every refused SAML response answers the same 401 to the browser; the precise reason goes to the
 * log and the audit trail, never to the client (it would help an attacker tune a forgery).
 */
export class SamlRefusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const ssoRefused = () => new DomainError('UNAUTHENTICATED', 'Single sign-on failed: the response from your identity provider was not accepted. Try again from the start, or ask your administrator.');
export const ssoNotAvailable = () => new DomainError('NOT_FOUND', 'Single sign-on is not set up for this organisation. Sign in with your password or ask your administrator.');
export const ssoNoRole = () => new DomainError('FORBIDDEN', 'You signed in, but your account has no role in Teamframe yet. Ask your administrator to give you access.');
export const ssoEmailTaken = () =>
  new DomainError('FORBIDDEN', 'An account with your email already exists here but is not linked to your single sign-on identity. Ask your administrator to link it.');
export const ssoUserDisabled = () => new DomainError('FORBIDDEN', 'Your account is deactivated. Ask your administrator.');
export const passwordSignInDisabled = () => new DomainError('FORBIDDEN', 'Your organisation signs in with single sign-on. Use "Sign in with SSO".');
export const ssoInvalidConfig = (path: string, message: string) => new DomainError('VALIDATION_FAILED', `Check ${path}: ${message}`, [{ path, message }]);
