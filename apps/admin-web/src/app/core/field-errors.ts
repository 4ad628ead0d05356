import type { AbstractControl, FormGroup } from '@angular/forms';
import { toDisplayError } from './api-error';

/** The API's `error.details` entries, when a 400/409 names the fields that were wrong. */
export interface FieldError {
  path: string;
  message: string;
}

export function errorDetails(err: unknown): FieldError[] {
  const body = (err as { error?: { error?: { details?: unknown } } } | null)?.error?.error;
  const details = body?.details;
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldError =>
      typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
  );
}

/**
 * Puts each server-side field error on its form control as `{ server: message }`, so the field shows
 * it under itself like any other error. Returns the details no control claimed, for a banner.
 * The error clears itself as soon as the user edits the field.
 */
export function applyServerErrors(form: FormGroup, err: unknown, labels: Record<string, string> = {}): string[] {
  const unclaimed: string[] = [];
  for (const detail of errorDetails(err)) {
    const control: AbstractControl | null = form.get(detail.path);
    if (!control) {
      unclaimed.push(`${labels[detail.path] ?? detail.path} ${detail.message}`);
      continue;
    }
    control.setErrors({ ...(control.errors ?? {}), server: `${labels[detail.path] ?? 'This'} ${detail.message}.` });
    control.markAsTouched();
    const sub = control.valueChanges.subscribe(() => {
      if (control.hasError('server')) {
        const { server: _server, ...rest } = control.errors ?? {};
        control.setErrors(Object.keys(rest).length ? rest : null);
      }
      sub.unsubscribe();
    });
  }
  if (unclaimed.length === 0 && errorDetails(err).length === 0) unclaimed.push(toDisplayError(err).message);
  return unclaimed;
}
