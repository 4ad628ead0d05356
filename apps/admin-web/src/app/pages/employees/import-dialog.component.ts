import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ImportResult } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { errorDetails } from '../../core/field-errors';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { EmployeesApi } from './employees-api.service';

/** The API takes up to 5 MB of CSV; saying so before the upload beats a 413. */
const MAX_BYTES = 5 * 1024 * 1024;

/** The API names fields as in its JSON; people know them by the CSV header. */
const COLUMN_NAMES: Record<string, string> = {
  email: 'email',
  firstName: 'first name',
  lastName: 'last name',
  title: 'title',
  department: 'department',
};

/**
 * Pick a CSV, see a dry run (counts and every row error), then import. Nothing is written until
 * "Import" and that button only works when the dry run found no errors. Closes with the real result.
 */
@Component({
  selector: 'tf-import-dialog',
  imports: [
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatIcon,
    MatProgressBar,
    RouterLink,
    ErrorBannerComponent,
  ],
  template: `
    @if (busy()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" [attr.aria-label]="busyLabel()" />
    }
    <h2 mat-dialog-title>Import employees from CSV</h2>
    <mat-dialog-content>
      <p class="tf-explain">
        One employee per row, with a header row. Columns: <strong>email</strong>, <strong>first name</strong>,
        <strong>last name</strong>, <strong>title</strong>, <strong>department</strong> (title and department may be
        empty). Separate columns with commas or semicolons; save the file as UTF-8. Importing again updates people
        by email and never creates duplicates.
      </p>
      <p class="tf-explain">
        <strong>Custom fields:</strong> a column headed with a custom field's name or key (for example
        <em>Pronouns</em>) fills that field; an empty cell clears it, and a field without a column keeps its values.
        Other columns are ignored. Manage the fields under
        <a routerLink="/settings/custom-fields" mat-dialog-close>Settings › Custom fields</a>.
      </p>
      <pre class="tf-sample" aria-label="Example file">email;first name;last name;title;department
ana.silva&#64;example.com;Ana;Silva;Designer;Marketing</pre>

      <div class="tf-file-row">
        <input #fileInput type="file" accept=".csv,text/csv" hidden id="tf-import-file" (change)="pick(fileInput)" />
        <button matButton="tonal" type="button" [disabled]="busy()" (click)="fileInput.click()">
          <mat-icon aria-hidden="true">upload_file</mat-icon>
          {{ file() ? 'Choose another file' : 'Choose CSV file' }}
        </button>
        <span class="tf-file-name" aria-live="polite">{{ file()?.name ?? 'No file chosen' }}</span>
      </div>

      @if (error(); as e) {
        <tf-error-banner class="tf-banner" [error]="e" />
      }

      @if (result(); as r) {
        <section class="tf-result" aria-labelledby="tf-import-result-heading" aria-live="polite">
          <h3 id="tf-import-result-heading" class="tf-result-heading">
            {{ r.dryRun ? 'Check before importing' : 'Imported' }}
          </h3>
          <dl class="tf-counts">
            <div><dt>Rows</dt><dd>{{ r.rows }}</dd></div>
            <div><dt>{{ r.dryRun ? 'Will be added' : 'Added' }}</dt><dd>{{ r.created }}</dd></div>
            <div><dt>{{ r.dryRun ? 'Will be updated' : 'Updated' }}</dt><dd>{{ r.updated }}</dd></div>
            <div><dt>Unchanged</dt><dd>{{ r.unchanged }}</dd></div>
            <div [class.tf-count-bad]="r.errors.length > 0"><dt>Errors</dt><dd>{{ r.errors.length }}</dd></div>
          </dl>
          @if (r.errors.length) {
            <p class="tf-errors-intro">
              Fix these rows in the file and choose it again. Nothing is imported while any row has an error.
            </p>
            <div class="tf-errors-scroll">
              <table class="tf-errors-table">
                <caption class="cdk-visually-hidden">Row errors</caption>
                <thead>
                  <tr><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Problem</th></tr>
                </thead>
                <tbody>
                  @for (e of r.errors; track $index) {
                    <tr><td>{{ e.line || '—' }}</td><td>{{ columnName(e.field) }}</td><td>{{ e.message }}</td></tr>
                  }
                </tbody>
              </table>
            </div>
          } @else if (r.dryRun) {
            <p class="tf-ok"><mat-icon aria-hidden="true">check_circle</mat-icon> No errors. Ready to import.</p>
          }
        </section>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button matButton="filled" type="button" [disabled]="!canImport()" (click)="runImport()">
        {{ busy() && !checking() ? 'Importing…' : 'Import' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.frame;
    .tf-explain {
      margin-top: 0;
    }
    .tf-sample {
      margin: 0 0 16px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      font: var(--mat-sys-body-small);
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      overflow-x: auto;
    }
    .tf-file-row {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 12px;
    }
    .tf-file-name {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .tf-banner {
      display: block;
      margin-top: 16px;
    }
    .tf-result-heading {
      margin: 20px 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .tf-counts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 0;
      div {
        min-width: 88px;
        padding: 8px 12px;
        border-radius: 8px;
        background: var(--mat-sys-surface-container);
      }
      dt {
        font: var(--mat-sys-label-medium);
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        font: var(--mat-sys-title-large);
      }
      .tf-count-bad {
        background: var(--mat-sys-error-container);
        color: var(--mat-sys-on-error-container);
        dt {
          color: inherit;
        }
      }
    }
    .tf-ok {
      display: flex;
      align-items: center;
      gap: 8px;
      color: var(--tf-success-color);
    }
    .tf-errors-scroll {
      max-height: 260px;
      overflow: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    .tf-errors-table {
      width: 100%;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);
      th,
      td {
        text-align: left;
        padding: 6px 12px;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
        vertical-align: top;
      }
      th {
        position: sticky;
        top: 0;
        background: var(--mat-sys-surface-container-high);
        font: var(--mat-sys-label-large);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportDialogComponent {
  private readonly api = inject(EmployeesApi);
  private readonly dialogRef = inject<MatDialogRef<ImportDialogComponent, ImportResult>>(MatDialogRef);

  protected readonly file = signal<File | null>(null);
  protected readonly result = signal<ImportResult | null>(null);
  protected readonly error = signal<DisplayError | null>(null);
  protected readonly busy = signal(false);
  protected readonly checking = signal(false);

  protected columnName(field: string): string {
    return COLUMN_NAMES[field] ?? field;
  }

  protected busyLabel(): string {
    return this.checking() ? 'Checking the file' : 'Importing';
  }

  protected canImport(): boolean {
    const r = this.result();
    return !this.busy() && !!this.file() && !!r && r.dryRun && r.errors.length === 0 && r.rows > 0;
  }

  protected async pick(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0] ?? null;
    // Reset so choosing the same (fixed) file again still fires a change event.
    input.value = '';
    if (!file) return;
    this.file.set(file);
    this.result.set(null);
    this.error.set(null);
    if (file.size > MAX_BYTES) {
      this.error.set({ code: 'PAYLOAD_TOO_LARGE', message: 'This file is larger than 5 MB. Split it into smaller files.', requestId: null, status: 413 });
      return;
    }
    this.busy.set(true);
    this.checking.set(true);
    try {
      this.result.set(await firstValueFrom(this.api.import(file, true)));
    } catch (err) {
      this.error.set(toDisplayError(err));
    } finally {
      this.busy.set(false);
      this.checking.set(false);
    }
  }

  protected async runImport(): Promise<void> {
    const file = this.file();
    if (!file || !this.canImport()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const result = await firstValueFrom(this.api.import(file, false));
      this.dialogRef.close(result);
    } catch (err) {
      // The file changed on disk, or someone else's import took an email meanwhile: show the new row errors.
      const details = errorDetails(err);
      this.error.set(toDisplayError(err));
      if (details.length) {
        const prev = this.result();
        if (prev) this.result.set({ ...prev, errors: details.map(toRowError) });
      }
    } finally {
      this.busy.set(false);
    }
  }
}

/** The API names a row error's place as "line 12.email" when a real import is refused. */
function toRowError(detail: { path: string; message: string }): ImportResult['errors'][number] {
  const m = /^line (\d+)\.(.*)$/.exec(detail.path);
  return m ? { line: Number(m[1]), field: m[2], message: detail.message } : { line: 0, field: detail.path, message: detail.message };
}
