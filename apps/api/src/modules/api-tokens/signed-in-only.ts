import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';

/** Minting secrets (API tokens, the SCIM token) needs a person signed in, never another token. */
export function assertSignedIn(auth: AuthContext): void {
  if (auth.apiTokenId) throw new DomainError('FORBIDDEN', 'An API token cannot manage tokens. Sign in to Teamframe to do this.');
}
