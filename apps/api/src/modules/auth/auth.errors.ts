import { DomainError } from '../../core/http/domain-error';

export const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 'Email or password is wrong.');
export const notSignedIn = () => new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
