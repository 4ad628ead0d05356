import { DomainError } from '../../core/http/domain-error';

export const claimNotFound = () => new DomainError('NOT_FOUND', 'Your organisation has not claimed this domain. Add it under e-mail domains first.');
export const domainTakenVerified = (domain: string) =>
  new DomainError('CONFLICT', `${domain} is verified by another organisation. If it is yours, ask the operator of this Teamframe installation to release it.`);
export const recordNotFound = (name: string) => new DomainError('VALIDATION_FAILED', `No TXT record with your value was found at ${name} yet. DNS changes can take a while to appear; check again later.`, [{ path: 'dns', message: 'record not found' }]);
export const dnsUnreachable = () => new DomainError('SERVICE_UNAVAILABLE', 'The DNS lookup did not answer. Try again in a minute.');
export const mailCodeInvalid = () => new DomainError('NOT_FOUND', 'This confirmation link is not valid or has expired. Ask for a new one in the single sign-on settings.');
export const verificationMailNotSent = () => new DomainError('SERVICE_UNAVAILABLE', 'The confirmation mail could not be sent. Try again in a minute.');
