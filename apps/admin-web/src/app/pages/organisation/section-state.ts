import { computed, inject, signal } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom, type Observable } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';

/**
 * The load, edit and save bookkeeping every section of the Organisation page shares: what the server
 * holds, whether a load or a save is running, why the last load failed, whether the form is open, and
 * the snack bars that say how a save went. What a section says after a save stays the section's own.
 * Made in a field initialiser (it injects the snack bar); it loads at once.
 */
export class SectionState<T> {
  private readonly snackBar = inject(MatSnackBar);

  /** What the server holds (null until the first load answers). */
  readonly saved = signal<T | null>(null);
  readonly loaded = computed(() => this.saved() !== null);
  readonly loading = signal(false);
  readonly saving = signal(false);
  readonly busy = computed(() => this.loading() || this.saving());
  /** Why the last load failed: the section shows it with Try again. */
  readonly error = signal<DisplayError | null>(null);
  /** Whether the section's form is open, for sections that open it with Change. */
  readonly editing = signal(false);

  /**
   * @param fetch reads the setting from the API.
   * @param shown fills the section's form from each answer a load brings.
   */
  constructor(
    private readonly fetch: () => Observable<T>,
    private readonly shown?: (answer: T) => void,
  ) {
    void this.load();
  }

  /** Loads; a failure lands in `error`, never escapes. */
  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const answer = await firstValueFrom(this.fetch());
      this.saved.set(answer);
      this.shown?.(answer);
    } catch (err) {
      this.error.set(toDisplayError(err));
    } finally {
      this.loading.set(false);
    }
  }

  /**
   * Saves through `put`, one save at a time; the answer becomes what the server holds. A refusal goes to
   * `refused`, or, given a sentence such as "The retention was not changed", to a snack bar with the reason.
   */
  async save(put: () => Observable<T>, refused: string | ((err: unknown) => void)): Promise<T | null> {
    if (this.saving()) return null;
    this.saving.set(true);
    try {
      const answer = await firstValueFrom(put());
      this.saved.set(answer);
      return answer;
    } catch (err) {
      if (typeof refused === 'string') this.snackBar.open(`${refused}: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 });
      else refused(err);
      return null;
    } finally {
      this.saving.set(false);
    }
  }

  /** Says what a save changed. */
  tell(message: string, duration = 5000): void {
    this.snackBar.open(message, 'OK', { duration });
  }
}

/** What a section's frame reads of its state (whatever the setting's type). */
export type SectionStatus = Pick<SectionState<unknown>, 'busy' | 'saving' | 'loaded' | 'error' | 'editing' | 'load'>;
