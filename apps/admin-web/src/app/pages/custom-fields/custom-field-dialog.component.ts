import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { CUSTOM_FIELD_KEY_PATTERN, CUSTOM_FIELD_LABEL_MAX, customFieldKeyFromLabel, type CustomFieldDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { FormSubmission } from '../../core/form-submission';
import { FORM_DIALOG_IMPORTS } from '../../shared/form-dialog';
import { CustomFieldsApi } from './custom-fields-api.service';

export interface CustomFieldDialogData {
  /** Absent when adding. */
  field?: CustomFieldDto;
}

const FIELD_LABELS: Record<string, string> = { label: 'Name', key: 'Key' };

/** Add a field, or rename one (the key never changes). Closes with the saved field. */
@Component({
  selector: 'tf-custom-field-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatCheckbox],
  template: `
    @if (saving()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" aria-label="Saving the field" />
    }
    <h2 mat-dialog-title>{{ data.field ? 'Rename field' : 'Add custom field' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (error(); as e) {
          <tf-error-banner class="tf-banner" [error]="e" />
        }
        <mat-form-field class="tf-full">
          <mat-label>Name</mat-label>
          <input matInput formControlName="label" autocomplete="off" required cdkFocusInitial [attr.maxlength]="labelMax" />
          <mat-hint>As HR and the team page show it, e.g. Pronouns or Office.</mat-hint>
          @if (form.controls.label.hasError('server')) {
            <mat-error>{{ form.controls.label.getError('server') }}</mat-error>
          } @else if (form.controls.label.hasError('required')) {
            <mat-error>Enter a name.</mat-error>
          }
        </mat-form-field>
        @if (data.field) {
          <p class="tf-note">
            The key <code>{{ data.field.key }}</code> stays the same, so every value, CSV column and manifest entry is kept.
          </p>
        } @else {
          <mat-form-field class="tf-full">
            <mat-label>Key (optional)</mat-label>
            <input matInput formControlName="key" autocomplete="off" spellcheck="false" [placeholder]="derivedKey() || 'office'" />
            <mat-hint>{{ keyHint() }}</mat-hint>
            @if (form.controls.key.hasError('server')) {
              <mat-error>{{ form.controls.key.getError('server') }}</mat-error>
            } @else if (form.controls.key.hasError('pattern')) {
              <mat-error>Start with a letter; use only a–z, 0–9 and _ (at most 40).</mat-error>
            }
          </mat-form-field>
          <mat-checkbox formControlName="showOnTeamPage">Show on the exported team page, under the person's name</mat-checkbox>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button matButton="filled" type="submit" [disabled]="saving()">
          {{ saving() ? 'Saving…' : data.field ? 'Rename' : 'Add field' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.form-frame;
    .tf-full {
      display: block;
      width: 100%;
      margin-top: 8px;
    }
    .tf-note {
      margin: 8px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    mat-checkbox {
      display: block;
      margin-top: 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CustomFieldDialogComponent {
  protected readonly data = inject<CustomFieldDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<CustomFieldDialogComponent, CustomFieldDto>>(MatDialogRef);
  private readonly api = inject(CustomFieldsApi);
  protected readonly labelMax = CUSTOM_FIELD_LABEL_MAX;

  protected readonly form = inject(NonNullableFormBuilder).group({
    label: [this.data.field?.label ?? '', [Validators.required, Validators.maxLength(CUSTOM_FIELD_LABEL_MAX)]],
    key: ['', [Validators.pattern(CUSTOM_FIELD_KEY_PATTERN)]],
    showOnTeamPage: [false],
  });
  private readonly label = toSignal(this.form.controls.label.valueChanges, { initialValue: this.form.controls.label.value });
  protected readonly derivedKey = computed(() => customFieldKeyFromLabel(this.label()));
  protected readonly keyHint = computed(() => {
    const k = this.derivedKey();
    return `The column name in CSV files and export manifests; it cannot change later.${k ? ` Left empty: ${k}` : ''}`;
  });
  private readonly submission = new FormSubmission(this.form, { labels: FIELD_LABELS });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;

  protected save(): Promise<void> {
    return this.submission.submit(async () => {
      const { label, key, showOnTeamPage } = this.form.getRawValue();
      const field = this.data.field;
      const saved = field
        ? await firstValueFrom(this.api.update(field.id, { label }))
        : await firstValueFrom(this.api.create({ label, showOnTeamPage, ...(key.trim() ? { key: key.trim() } : {}) }));
      this.dialogRef.close(saved);
    });
  }
}
