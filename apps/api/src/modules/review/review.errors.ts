import { DomainError } from '../../core/http/domain-error';

export const headshotNotFound = () => new DomainError('NOT_FOUND', 'No such headshot in your organisation.');
export const imageNotFound = () => new DomainError('NOT_FOUND', 'No such image in your organisation.');
export const originalDeleted = () => new DomainError('NOT_FOUND', 'The original selfie is no longer stored (your retention settings delete it after approval).');
export const notReviewable = (state: string, action: string) => new DomainError('CONFLICT', `This headshot is ${state.replace('_', ' ')}; only a headshot waiting for review can be ${action}.`);
export const notRegenerable = (state: string) => new DomainError('CONFLICT', `This headshot is ${state.replace('_', ' ')}; only one in review, failed or rejected can be regenerated.`);
export const badSignature = () => new DomainError('NOT_FOUND', 'This image link is not valid or has expired. Reload the page for a fresh one.');
