import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { MatOption, MatSelect } from '@angular/material/select';
import type { CreateMemberRequest, MemberDto, UserRole } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { ROLE_LABELS } from '../../core/api-types';
import { FormSubmission, focusFirstInvalid } from '../../core/form-submission';
import { FORM_DIALOG_IMPORTS } from '../../shared/form-dialog';
import { MembersApi } from './members-api.service';
import { ROLE_SENTENCES } from './roles';

const FIELD_LABELS: Record<string, string> = {
  email: 'Email',
  displayName: 'Name',
  role: 'Role',
  password: 'Password',
};

/** Add one member. Closes with the created member. */
@Component({
  selector: 'tf-member-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelect, MatOption],
  template: `
    @if (saving()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" aria-label="Adding the member" />
    }
    <h2 mat-dialog-title>Add member</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (error(); as e) {
          <tf-error-banner class="tf-banner" [error]="e" />
        }
        <mat-form-field class="tf-full">
          <mat-label>Work email</mat-label>
          <input #first matInput type="email" formControlName="email" autocomplete="off" spellcheck="false" required />
          @if (form.controls.email.hasError('server')) {
            <mat-error>{{ form.controls.email.getError('server') }}</mat-error>
          } @else if (form.controls.email.hasError('required')) {
            <mat-error>Enter the work email.</mat-error>
          } @else if (form.controls.email.hasError('email')) {
            <mat-error>Enter an email address like name&#64;company.com.</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="tf-full">
          <mat-label>Name</mat-label>
          <input matInput formControlName="displayName" autocomplete="off" required />
          @if (form.controls.displayName.hasError('server')) {
            <mat-error>{{ form.controls.displayName.getError('server') }}</mat-error>
          } @else {
            <mat-error>Enter the name.</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="tf-full" subscriptSizing="dynamic">
          <mat-label>Role</mat-label>
          <mat-select formControlName="role" required>
            @for (r of roles; track r) {
              <mat-option [value]="r">{{ roleLabels[r] }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ roleSentences[form.controls.role.value] }}</mat-hint>
          @if (form.controls.role.hasError('server')) {
            <mat-error>{{ form.controls.role.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="tf-full tf-password" subscriptSizing="dynamic">
          <mat-label>Password (optional)</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" />
          <mat-hint>Leave empty and they sign in with single sign-on only. At least 12 characters otherwise.</mat-hint>
          @if (form.controls.password.hasError('server')) {
            <mat-error>{{ form.controls.password.getError('server') }}</mat-error>
          } @else if (form.controls.password.hasError('minlength')) {
            <mat-error>Use at least 12 characters, or leave it empty for SSO only.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button matButton="filled" type="submit" [disabled]="saving()">{{ saving() ? 'Adding…' : 'Add member' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.form-frame;
    .tf-full {
      width: 100%;
      margin-top: 4px;
    }
    .tf-password {
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemberDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<MemberDialogComponent, MemberDto>>(MatDialogRef);
  private readonly api = inject(MembersApi);
  protected readonly roles = Object.keys(ROLE_LABELS) as UserRole[];
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleSentences = ROLE_SENTENCES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    displayName: ['', [Validators.required]],
    role: ['hr_admin' as UserRole, [Validators.required]],
    password: ['', [Validators.minLength(12)]],
  });
  private readonly firstInput = viewChild.required<ElementRef<HTMLInputElement>>('first');
  private readonly submission = new FormSubmission(this.form, { labels: FIELD_LABELS, focus: () => focusFirstInvalid(this.firstInput().nativeElement) });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;

  protected save(): Promise<void> {
    return this.submission.submit(async () => {
      const v = this.form.getRawValue();
      const request: CreateMemberRequest = { email: v.email.trim(), displayName: v.displayName.trim(), role: v.role };
      if (v.password) request.password = v.password;
      this.dialogRef.close(await firstValueFrom(this.api.create(request)));
    });
  }
}
