// @angular/forms declares injectables that need the JIT compiler once loaded outside an Angular build.
import '@angular/compiler';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { describe, expect, it, vi } from 'vitest';
import { FormSubmission } from './form-submission';

function memberForm() {
  return new FormGroup({
    email: new FormControl('ada@example.com', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    displayName: new FormControl('Ada', { nonNullable: true, validators: [Validators.required] }),
  });
}

/** What HttpClient throws for a 400 that names a field. */
const fieldRefusal = { status: 400, error: { error: { code: 'VALIDATION_FAILED', message: 'Check the fields.', details: [{ path: 'email', message: 'is already a member' }] } } };
const serverFailure = { status: 500, error: { error: { code: 'INTERNAL', message: 'Something broke on our side.', requestId: 'req-7' } } };

describe('FormSubmission', () => {
  it('sends nothing while a field is invalid, shows every field error and puts the cursor back', async () => {
    const form = memberForm();
    form.controls.email.setValue('not an address');
    const focus = vi.fn();
    const send = vi.fn(async () => undefined);
    await new FormSubmission(form, { focus }).submit(send);
    expect(send).not.toHaveBeenCalled();
    expect(form.controls.email.touched && form.controls.displayName.touched).toBe(true);
    expect(focus).toHaveBeenCalledOnce();
  });

  it('puts a refusal that names a field under that field, not in the banner', async () => {
    const form = memberForm();
    const focus = vi.fn();
    const submission = new FormSubmission(form, { labels: { email: 'Work email' }, focus });
    await submission.submit(() => Promise.reject(fieldRefusal));
    expect(form.controls.email.getError('server')).toBe('Work email is already a member.');
    expect(submission.error()).toBeNull();
    expect(submission.saving()).toBe(false);
    expect(focus).toHaveBeenCalledOnce();
  });

  it('shows any other failure in the banner, with its request id', async () => {
    const submission = new FormSubmission(memberForm());
    await submission.submit(() => Promise.reject(serverFailure));
    expect(submission.error()).toMatchObject({ message: 'Something broke on our side.', requestId: 'req-7' });
    expect(submission.saving()).toBe(false);
  });

  it('sends once while a send is under way, and clears the last error when it sends again', async () => {
    const submission = new FormSubmission(memberForm());
    await submission.submit(() => Promise.reject(serverFailure));
    const pending: (() => void)[] = [];
    const send = vi.fn(() => new Promise<void>((resolve) => pending.push(resolve)));
    const first = submission.submit(send);
    expect(submission.saving()).toBe(true);
    expect(submission.error()).toBeNull();
    const second = submission.submit(send);
    expect(send).toHaveBeenCalledOnce();
    pending.forEach((finish) => finish());
    await Promise.all([first, second]);
    expect(submission.saving()).toBe(false);
  });
});
