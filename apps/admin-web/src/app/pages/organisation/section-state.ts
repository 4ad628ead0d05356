import { signal } from '@angular/core';
import { firstValueFrom, type Observable } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';

/**
 * The load and save bookkeeping every section of the Organisation page shares: what the server holds,
 * whether a load or a save is running, and why the last load failed. What a section says after a save
 * (and how it shows a refusal) stays the section's own.
 */
export class SectionState<T> {
  /** What the server holds (null until the first load answers). */
  readonly saved = signal<T | null>(null);
  readonly loading = signal(false);
  readonly saving = signal(false);
  /** Why the last load failed: the section shows it with Try again. */
  readonly error = signal<DisplayError | null>(null);

  /** Loads through `fetch`; a failure lands in `error`, never escapes. */
  async load(fetch: () => Observable<T>): Promise<T | null> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const answer = await firstValueFrom(fetch());
      this.saved.set(answer);
      return answer;
    } catch (err) {
      this.error.set(toDisplayError(err));
      return null;
    } finally {
      this.loading.set(false);
    }
  }

  /** Saves through `put`, one save at a time; the answer becomes what the server holds. A refusal goes to `refused`. */
  async save(put: () => Observable<T>, refused: (err: unknown) => void): Promise<T | null> {
    if (this.saving()) return null;
    this.saving.set(true);
    try {
      const answer = await firstValueFrom(put());
      this.saved.set(answer);
      return answer;
    } catch (err) {
      refused(err);
      return null;
    } finally {
      this.saving.set(false);
    }
  }
}
