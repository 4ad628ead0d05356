import { DomainError, RetryLaterError } from '../../core/http/domain-error';

export const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 'Email or password is wrong.');
export const notSignedIn = () => new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
export const tooManySignInFailures = (retryAfterSeconds: number) =>
  new RetryLaterError('RATE_LIMITED', `Too many wrong passwords for this account. Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} and try again.`, retryAfterSeconds);
