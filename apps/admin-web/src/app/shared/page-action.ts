import { signal } from '@angular/core';
import { toDisplayError, type DisplayError } from '../core/api-error';

/**
 * The actions a settings page runs on what it shows (create, rotate, revoke, switch on or off): whether
 * one is running, so the buttons wait, and why the last one failed, for the page's "That was not done." banner.
 */
export class PageAction {
  readonly running = signal(false);
  readonly error = signal<DisplayError | null>(null);

  async run(action: () => Promise<void>): Promise<void> {
    this.running.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (err) {
      this.error.set(toDisplayError(err));
    } finally {
      this.running.set(false);
    }
  }
}
