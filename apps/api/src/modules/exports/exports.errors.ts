import { UnrecoverableError } from 'bullmq';
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

/**
 * A stored file an export needs is gone (deleted by hand, lost with a disk). Final at once: retrying
 * cannot bring it back. Its message is the sentence the export shows.
 */
export class ExportFileMissing extends UnrecoverableError {
  constructor(entryName: string) {
    super(`The file ${entryName} is missing from storage. Regenerate that person's headshot (or leave them out), then start a new export.`);
    this.name = 'ExportFileMissing';
  }
}
/** What HR sees on a failed export; the cause is in the server log, under the export id. */
export const EXPORT_FAILED_MESSAGE = 'The export could not be built. Start a new one; if it fails again, tell your administrator (the details are in the server log).';
