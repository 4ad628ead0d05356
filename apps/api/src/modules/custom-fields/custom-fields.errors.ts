import { MAX_CUSTOM_FIELDS } from '@teamframe/shared-types';
import { DomainError } from '../../core/http/domain-error';

export const customFieldNotFound = () => new DomainError('NOT_FOUND', 'No such custom field in your organisation.');
export const tooManyCustomFields = () => new DomainError('CONFLICT', `Your organisation already has ${MAX_CUSTOM_FIELDS} custom fields, the most it can have. Delete one first.`);
export const badCustomFieldName = (path: 'label' | 'key', value: string, problem: string) =>
  new DomainError('VALIDATION_FAILED', `The ${path} "${value}" ${problem}; choose another.`, [{ path, message: problem }]);
export const keyNeeded = () =>
  new DomainError('VALIDATION_FAILED', 'No key can be made from this label (it needs a letter a-z). Give a key such as "office".', [{ path: 'key', message: 'is required for this label' }]);
export const customFieldTaken = (path: 'label' | 'key', value: string) =>
  new DomainError('CONFLICT', `Another custom field already uses the ${path} "${value}" (CSV columns must stay unambiguous).`, [{ path, message: 'is already used by another custom field' }]);
export const unknownCustomFields = (keys: string[]) =>
  new DomainError(
    'VALIDATION_FAILED',
    `Unknown custom field${keys.length === 1 ? '' : 's'}: ${keys.join(', ')}. Add ${keys.length === 1 ? 'it' : 'them'} under Settings › Custom fields first.`,
    keys.map((k) => ({ path: `customFields.${k}`, message: 'is not a custom field of your organisation' })),
  );
