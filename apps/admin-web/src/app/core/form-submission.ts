import { signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { toDisplayError, type DisplayError } from './api-error';
import { applyServerErrors } from './field-errors';

export interface FormSubmissionOptions {
  /** How people know the fields the server may name, for the banner when no control claims an error. */
  labels?: Record<string, string>;
  /** Where the cursor goes when the form is refused, here or by the server. */
  focus?: () => void;
}

/**
 * The submit cycle of a form dialog: one send at a time, nothing sent while a field is invalid, field
 * errors from the server under their fields and the rest (network, 403, 5xx) in `error` for the banner.
 */
export class FormSubmission {
  readonly saving = signal(false);
  readonly error = signal<DisplayError | null>(null);

  constructor(
    private readonly form: FormGroup,
    private readonly options: FormSubmissionOptions = {},
  ) {}

  /** Runs `send` (which closes the dialog with what it got) once the form is valid. */
  async submit(send: () => Promise<void>): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.options.focus?.();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await send();
    } catch (err) {
      const unclaimed = applyServerErrors(this.form, err, this.options.labels);
      if (unclaimed.length) this.error.set(toDisplayError(err));
      this.options.focus?.();
    } finally {
      this.saving.set(false);
    }
  }
}

/** Focuses the form's first invalid field (`selector`), or `first` when none is. */
export function focusFirstInvalid(first: HTMLElement, selector = 'input.ng-invalid'): void {
  const invalid = first.closest('form')?.querySelector<HTMLElement>(selector);
  (invalid ?? first).focus();
}
