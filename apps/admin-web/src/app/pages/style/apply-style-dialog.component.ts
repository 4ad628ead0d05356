import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ApplyStyleCountDto, BatchProgressDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { type ApplyState, BrandApi } from './brand-api.service';

export interface ApplyStyleDialogData {
  /** The current (saved) style version, which is what gets applied. */
  version: number;
}

type CountState =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'loaded'; count: ApplyStyleCountDto }
  | { kind: 'error'; error: DisplayError };

/** Re-render existing headshots with the current style: count first, then start a pinned batch. */
@Component({
  selector: 'tf-apply-style-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, MatCheckbox, MatIcon, MatProgressBar, RouterLink, ErrorBannerComponent],
  template: `
    @if (count().kind === 'loading' || starting()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" [attr.aria-label]="starting() ? 'Starting the batch' : 'Counting the people affected'" />
    }
    <h2 mat-dialog-title>Apply version {{ data.version }} to existing headshots</h2>
    <mat-dialog-content>
      @if (started(); as b) {
        <p class="tf-note tf-good" role="status">
          <mat-icon aria-hidden="true">check_circle</mat-icon>
          <span>Batch started: {{ b.total }} {{ b.total === 1 ? 'headshot is' : 'headshots are' }} being re-rendered with version {{ data.version }}. Each one goes back to review when it is ready.</span>
        </p>
      } @else {
        <p class="tf-lead">
          Renders the headshots again from each person's selfie with the current style, version {{ data.version }}, as one
          batch pinned to that version. Unsaved changes in the editor are not included.
        </p>
        <fieldset class="tf-states">
          <legend>Whose headshots</legend>
          <mat-checkbox [checked]="states().includes('in_review')" (change)="toggle('in_review', $event.checked)">In review</mat-checkbox>
          <mat-checkbox [checked]="states().includes('approved')" (change)="toggle('approved', $event.checked)">Approved</mat-checkbox>
        </fieldset>
        <div class="tf-count" aria-live="polite">
          @switch (count().kind) {
            @case ('none') {
              <p class="tf-muted">Choose at least one.</p>
            }
            @case ('loading') {
              <p class="tf-muted">Counting…</p>
            }
          }
          @if (loaded(); as c) {
            <p class="tf-count-main">
              @if (c.affected === 0) {
                Nobody in {{ states().length === 2 ? 'these states' : 'this state' }} needs re-rendering.
              } @else {
                {{ c.affected }} {{ c.affected === 1 ? 'person' : 'people' }} will be re-rendered with version {{ data.version }}.
              }
            </p>
            @if (c.withoutSelfie > 0) {
              <p class="tf-note">
                <mat-icon aria-hidden="true">info</mat-icon>
                <span>
                  {{ c.withoutSelfie }} approved {{ c.withoutSelfie === 1 ? 'person has' : 'people have' }} no selfie any more (deleted after
                  approval) and {{ c.withoutSelfie === 1 ? 'keeps their' : 'keep their' }} headshot.
                </span>
              </p>
            }
          }
          @if (countError(); as e) {
            <tf-error-banner heading="Could not count." [error]="e" retryLabel="Try again" (retry)="recount()" />
          }
        </div>
        @if (info(); as m) {
          <p class="tf-note" role="status">
            <mat-icon aria-hidden="true">info</mat-icon>
            <span>{{ m }}</span>
          </p>
        }
        @if (startError(); as e) {
          <tf-error-banner heading="The batch did not start." [error]="e" />
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (started()) {
        <button matButton type="button" mat-dialog-close>Close</button>
        <a matButton="filled" routerLink="/batches" mat-dialog-close>Follow it on Batches</a>
      } @else {
        <button matButton type="button" mat-dialog-close [disabled]="starting()">Cancel</button>
        <button matButton="filled" type="button" [disabled]="!canConfirm()" (click)="confirm()">
          {{ starting() ? 'Starting…' : confirmLabel() }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.frame;
    .tf-lead {
      margin-top: 0;
    }
    .tf-states {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin: 0 0 8px;
      padding: 0;
      border: 0;

      legend {
        padding: 0;
        margin-bottom: 4px;
        font: var(--mat-sys-label-large);
      }
    }
    .tf-count {
      min-height: 48px;
    }
    .tf-count-main {
      margin: 8px 0;
      font: var(--mat-sys-title-small);
    }
    .tf-muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-note {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 8px 0;
      padding: 8px 12px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-high);

      mat-icon {
        flex: none;
        color: var(--mat-sys-primary);
      }
    }
    .tf-good mat-icon {
      color: var(--tf-success, var(--mat-sys-primary));
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApplyStyleDialogComponent {
  protected readonly data = inject<ApplyStyleDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ApplyStyleDialogComponent, BatchProgressDto>>(MatDialogRef);
  private readonly api = inject(BrandApi);

  protected readonly states = signal<ApplyState[]>(['in_review', 'approved']);
  protected readonly count = signal<CountState>({ kind: 'none' });
  protected readonly starting = signal(false);
  protected readonly started = signal<BatchProgressDto | null>(null);
  protected readonly startError = signal<DisplayError | null>(null);
  /** A 409 from the server: nothing is wrong, there is just nothing to do. */
  protected readonly info = signal<string | null>(null);
  private request = 0;

  constructor() {
    void this.recount();
  }

  protected loaded(): ApplyStyleCountDto | null {
    const c = this.count();
    return c.kind === 'loaded' ? c.count : null;
  }

  protected countError(): DisplayError | null {
    const c = this.count();
    return c.kind === 'error' ? c.error : null;
  }

  protected canConfirm(): boolean {
    const c = this.loaded();
    return !!c && c.affected > 0 && !this.starting() && !this.info();
  }

  protected confirmLabel(): string {
    const c = this.loaded();
    return c && c.affected > 0 ? `Re-render ${c.affected} ${c.affected === 1 ? 'headshot' : 'headshots'}` : 'Re-render';
  }

  protected toggle(state: ApplyState, on: boolean): void {
    const next = on ? [...new Set([...this.states(), state])] : this.states().filter((s) => s !== state);
    // Always the same order in the request, whatever was ticked first.
    this.states.set((['in_review', 'approved'] as const).filter((s) => next.includes(s)));
    this.info.set(null);
    this.startError.set(null);
    void this.recount();
  }

  protected async recount(): Promise<void> {
    const states = this.states();
    const id = ++this.request;
    if (!states.length) {
      this.count.set({ kind: 'none' });
      return;
    }
    this.count.set({ kind: 'loading' });
    try {
      const count = await firstValueFrom(this.api.applyStyle(states, true));
      if (id === this.request) this.count.set({ kind: 'loaded', count });
    } catch (err) {
      if (id === this.request) this.count.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async confirm(): Promise<void> {
    if (!this.canConfirm()) return;
    this.starting.set(true);
    this.startError.set(null);
    this.dialogRef.disableClose = true;
    try {
      const batch = await firstValueFrom(this.api.applyStyle(this.states(), false));
      this.started.set(batch);
    } catch (err) {
      const e = toDisplayError(err);
      if (e.status === 409) this.info.set(e.message);
      else this.startError.set(e);
    } finally {
      this.starting.set(false);
      this.dialogRef.disableClose = false;
    }
  }
}
