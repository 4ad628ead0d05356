import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { type FormControl, NonNullableFormBuilder, Validators } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger, MatOption } from '@angular/material/autocomplete';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelect } from '@angular/material/select';
import { CUSTOM_FIELD_VALUE_MAX, type CustomFieldDto, customFieldValue, type EmployeeDto, type EmployeeUpdate, type LanguageOptionDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { FormSubmission, focusFirstInvalid } from '../../core/form-submission';
import { FORM_DIALOG_IMPORTS } from '../../shared/form-dialog';
import { changedCustomFields, filledCustomFields } from './custom-field-values';
import { OrganisationApi } from '../organisation/organisation-api.service';
import { EmployeesApi } from './employees-api.service';

export interface EmployeeDialogData {
  /** Absent when adding. */
  employee?: EmployeeDto;
  departments: string[];
  /** The org's custom fields, in order; one input each. */
  customFields: CustomFieldDto[];
}

const FIELD_LABELS: Record<string, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  title: 'Title',
  department: 'Department',
  language: 'Language',
};

/** Add or edit one employee. Closes with the saved employee. */
@Component({
  selector: 'tf-employee-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatAutocomplete, MatAutocompleteTrigger, MatOption, MatSelect],
  template: `
    @if (saving()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" aria-label="Saving" />
    }
    <h2 mat-dialog-title>{{ data.employee ? 'Edit employee' : 'Add employee' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (error(); as e) {
          <tf-error-banner class="tf-banner" [error]="e" />
        }
        <div class="tf-form-grid">
          <mat-form-field class="tf-span-2">
            <mat-label>Work email</mat-label>
            <input #first matInput type="email" formControlName="email" autocomplete="off" spellcheck="false" required />
            <mat-hint>The invite link is sent here.</mat-hint>
            @if (form.controls.email.hasError('server')) {
              <mat-error>{{ form.controls.email.getError('server') }}</mat-error>
            } @else if (form.controls.email.hasError('required')) {
              <mat-error>Enter the work email.</mat-error>
            } @else if (form.controls.email.hasError('email')) {
              <mat-error>Enter an email address like name&#64;company.com.</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>First name</mat-label>
            <input matInput formControlName="firstName" autocomplete="off" required />
            @if (form.controls.firstName.hasError('server')) {
              <mat-error>{{ form.controls.firstName.getError('server') }}</mat-error>
            } @else if (form.controls.firstName.hasError('required')) {
              <mat-error>Enter the first name.</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Last name</mat-label>
            <input matInput formControlName="lastName" autocomplete="off" required />
            @if (form.controls.lastName.hasError('server')) {
              <mat-error>{{ form.controls.lastName.getError('server') }}</mat-error>
            } @else if (form.controls.lastName.hasError('required')) {
              <mat-error>Enter the last name.</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Title</mat-label>
            <input matInput formControlName="title" autocomplete="off" />
            @if (form.controls.title.hasError('server')) {
              <mat-error>{{ form.controls.title.getError('server') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Department</mat-label>
            <input matInput formControlName="department" autocomplete="off" [matAutocomplete]="deptAuto" />
            <mat-autocomplete #deptAuto="matAutocomplete">
              @for (d of data.departments; track d) {
                <mat-option [value]="d">{{ d }}</mat-option>
              }
            </mat-autocomplete>
            @if (form.controls.department.hasError('server')) {
              <mat-error>{{ form.controls.department.getError('server') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="tf-span-2" subscriptSizing="dynamic">
            <mat-label>Language</mat-label>
            <mat-select formControlName="language">
              <mat-option value="">{{ defaultLanguageLabel() }}</mat-option>
              @for (l of languages(); track l.tag) {
                <mat-option [value]="l.tag">{{ l.name }} ({{ l.tag }})</mat-option>
              }
            </mat-select>
            <mat-hint>Their invites, reminders and upload page use this language.</mat-hint>
            @if (form.controls.language.hasError('server')) {
              <mat-error>{{ form.controls.language.getError('server') }}</mat-error>
            }
          </mat-form-field>
          @if (data.customFields.length) {
            <h3 class="tf-span-2 tf-subheading">Custom fields</h3>
          }
          <ng-container formGroupName="customFields">
            @for (f of data.customFields; track f.id) {
              <mat-form-field>
                <mat-label>{{ f.label }}</mat-label>
                <input matInput [formControlName]="f.key" autocomplete="off" [attr.maxlength]="valueMax" />
                @if (customControl(f.key).hasError('server')) {
                  <mat-error>{{ customControl(f.key).getError('server') }}</mat-error>
                } @else if (customControl(f.key).hasError('maxlength')) {
                  <mat-error>Use at most {{ valueMax }} characters.</mat-error>
                }
              </mat-form-field>
            }
          </ng-container>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button matButton="filled" type="submit" [disabled]="saving()">
          {{ saving() ? 'Saving…' : data.employee ? 'Save changes' : 'Add employee' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.form-frame;
    .tf-form-grid {
      @include dialog.form-grid($row-gap: 4px);
    }
    .tf-span-2 {
      grid-column: 1 / -1;
    }
    .tf-subheading {
      margin: 8px 0 12px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599.98px) {
      .tf-form-grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployeeDialogComponent {
  protected readonly data = inject<EmployeeDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<EmployeeDialogComponent, EmployeeDto>>(MatDialogRef);
  private readonly api = inject(EmployeesApi);
  private readonly organisation = inject(OrganisationApi);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly valueMax = CUSTOM_FIELD_VALUE_MAX;

  protected readonly form = this.fb.group({
    email: [this.data.employee?.email ?? '', [Validators.required, Validators.email]],
    firstName: [this.data.employee?.firstName ?? '', [Validators.required]],
    lastName: [this.data.employee?.lastName ?? '', [Validators.required]],
    title: [this.data.employee?.title ?? ''],
    department: [this.data.employee?.department ?? ''],
    /** '' is the org's default language. */
    language: [this.data.employee?.language ?? ''],
    customFields: this.fb.record(
      Object.fromEntries(this.data.customFields.map((f) => [f.key, this.fb.control(customFieldValue(this.data.employee?.customFields, f.key), Validators.maxLength(CUSTOM_FIELD_VALUE_MAX))])),
    ),
  });
  /** Server errors name custom fields as `customFields.<key>`; people know them by label. */
  private readonly labels = { ...FIELD_LABELS, ...Object.fromEntries(this.data.customFields.map((f) => [`customFields.${f.key}`, f.label])) };
  private readonly firstInput = viewChild.required<ElementRef<HTMLInputElement>>('first');
  private readonly submission = new FormSubmission(this.form, { labels: this.labels, focus: () => focusFirstInvalid(this.firstInput().nativeElement) });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;
  /** The employee side's languages; the person's own stays listed even before the list arrives. */
  protected readonly languages = signal<LanguageOptionDto[]>(this.data.employee?.language ? [ownOption(this.data.employee.language)] : []);
  protected readonly defaultLanguageLabel = signal('Organisation default');

  constructor() {
    this.organisation.general().subscribe({
      next: (s) => {
        const own = this.data.employee?.language;
        // A regional tag (de-CH) is listed as itself, next to its language.
        const list = own && !s.languages.some((l) => l.tag === own) ? [...s.languages, ownOption(own)] : s.languages;
        this.languages.set(list);
        this.defaultLanguageLabel.set(`Organisation default (${s.languages.find((l) => l.tag === s.defaultLanguage)?.name ?? s.defaultLanguage})`);
      },
      // Without the list the person's own language stays selectable; saving works either way.
      error: () => undefined,
    });
  }

  protected save(): Promise<void> {
    return this.submission.submit(async () => {
      const { customFields, ...value } = this.form.getRawValue();
      const employee = this.data.employee;
      const saved = employee
        ? await firstValueFrom(this.api.update(employee.id, { ...changedFields(employee, value), customFields: changedCustomFields(employee.customFields, customFields) }))
        : await firstValueFrom(this.api.create({ ...value, language: value.language || null, customFields: filledCustomFields(customFields) }));
      this.dialogRef.close(saved);
    });
  }

  protected customControl(key: string): FormControl<string> {
    return this.form.controls.customFields.controls[key];
  }

}

/** A person's own tag as an option, named in itself ("Deutsch (Schweiz)" for de-CH). */
function ownOption(tag: string): LanguageOptionDto {
  let name = tag;
  try {
    name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    // A tag this browser cannot name is shown as it is.
  }
  return { tag, name, dir: 'ltr' };
}

/** Only what changed, so an edit never rewrites a field someone else updated meanwhile. */
function changedFields(before: EmployeeDto, after: Required<Omit<EmployeeUpdate, 'customFields' | 'language'>> & { language: string }): EmployeeUpdate {
  const patch: EmployeeUpdate = {};
  for (const key of ['email', 'firstName', 'lastName', 'title', 'department'] as const) {
    if (after[key].trim() !== before[key]) patch[key] = after[key];
  }
  if ((after.language || null) !== before.language) patch.language = after.language || null;
  return patch;
}
