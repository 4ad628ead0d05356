import { DomainError } from '../../core/http/domain-error';

export const exportNotFound = () => new DomainError('NOT_FOUND', 'No such export in your organisation.');
export const exportNotReady = (state: string) => new DomainError('CONFLICT', state === 'failed' ? 'This export failed. Start a new one.' : 'This export is not finished yet. Wait until it says done.');
export const unknownRenditions = (unknown: string[], known: string[]) =>
  new DomainError('VALIDATION_FAILED', `Your style has no rendition ${unknown.map((r) => `"${r}"`).join(', ')}. Choose from ${known.join(', ')}.`, [
    { path: 'renditions', message: `unknown: ${unknown.join(', ')}` },
  ]);
export const emailsNotForMarketing = () =>
  new DomainError('FORBIDDEN', 'Your organisation does not share work e-mail addresses with marketing. Export without them, or ask HR to allow it.');
export const nobodyToExport = () => new DomainError('CONFLICT', 'Nobody matching this choice has an approved headshot yet.');
export const EXPORT_EXPIRED_MESSAGE = 'This export has expired and its file was deleted. Start a new export.';
/** What HR sees on a failed export; the cause is in the server log, under the export id. */
export const EXPORT_FAILED_MESSAGE = 'The export could not be built. Start a new one; if it fails again, tell your administrator (the details are in the server log).';
