import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { EmployeeDto, RefusedUploadDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { EmployeesApi } from './employees-api.service';

type State = { kind: 'loading' } | { kind: 'loaded'; items: RefusedUploadDto[] } | { kind: 'error'; error: DisplayError };

/** Why a person's selfies were refused at upload: when, and the sentence they were shown. No photos. */
@Component({
  selector: 'tf-refused-uploads-dialog',
  imports: [DatePipe, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatProgressBar, ErrorBannerComponent],
  template: `
    @if (state().kind === 'loading') {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" aria-label="Loading refused selfies" />
    }
    <h2 mat-dialog-title>Refused selfies of {{ name }}</h2>
    <mat-dialog-content>
      <p class="tf-lead">The checks refused these photos as they were sent. The photos were not kept; only the reasons are.</p>
      @switch (state().kind) {
        @case ('error') {
          <tf-error-banner heading="Could not load the refused selfies." [error]="errorOf()!" retryLabel="Try again" (retry)="load()" />
        }
        @case ('loaded') {
          @if (items().length === 0) {
            <p>No selfie of {{ employee.firstName }} has been refused.</p>
          } @else {
            <ol class="tf-attempts">
              @for (a of items(); track a.at) {
                <li>
                  <span class="tf-when">{{ a.at | date: 'medium' }}</span>
                  <ul>
                    @for (c of a.checks; track c.code) {
                      <li>{{ c.sentence }} <span class="tf-code">{{ c.code }}</span></li>
                    }
                  </ul>
                </li>
              }
            </ol>
          }
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close cdkFocusInitial>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.frame;
    .tf-lead {
      margin-top: 0;
    }
    .tf-attempts {
      margin: 0;
      padding-left: 20px;

      > li {
        margin-bottom: 12px;
      }
      ul {
        margin: 4px 0 0;
        padding-left: 18px;
      }
    }
    .tf-when {
      font: var(--mat-sys-title-small);
    }
    .tf-code {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RefusedUploadsDialogComponent {
  protected readonly employee = inject<EmployeeDto>(MAT_DIALOG_DATA);
  protected readonly name = `${this.employee.firstName} ${this.employee.lastName}`.trim();
  private readonly api = inject(EmployeesApi);
  protected readonly state = signal<State>({ kind: 'loading' });
  protected readonly items = () => {
    const s = this.state();
    return s.kind === 'loaded' ? s.items : [];
  };
  protected readonly errorOf = () => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  };

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      this.state.set({ kind: 'loaded', items: await firstValueFrom(this.api.refusedUploads(this.employee.id)) });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }
}
