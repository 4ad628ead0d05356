import { DomainError } from '../../core/http/domain-error';

export const employeeNotFound = () => new DomainError('NOT_FOUND', 'No such employee in your organisation.');
export const emailTaken = (email: string) => new DomainError('CONFLICT', `An employee with the email ${email} already exists.`, [{ path: 'email', message: 'is already used by another employee' }]);
export const importHasErrors = (count: number, details: { path: string; message: string }[]) =>
  new DomainError('VALIDATION_FAILED', `The file has ${count} row error${count === 1 ? '' : 's'}; nothing was imported. Fix them and import again.`, details);
export const importUnreadable = (message: string) => new DomainError('VALIDATION_FAILED', message);
