import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import type { SectionStatus } from './section-state';

let nextId = 0;

/**
 * The frame of one section of the Organisation page: an outlined card with an icon, the title, the
 * current value in one line, a Change button beside it (when `changeLabel` is set; it emits `edit`),
 * a sentence on what the setting does (`[tfSectionText]`), the load error with Try again, and the form
 * (the rest of the content). Progress and the error come from the section's `state`.
 */
@Component({
  selector: 'tf-settings-section',
  imports: [MatButton, MatIcon, MatProgressBar, ErrorBannerComponent],
  template: `
    <section class="tf-card" [attr.aria-labelledby]="headingId">
      @if (state().busy()) {
        <mat-progress-bar class="tf-progress" mode="indeterminate" [attr.aria-label]="state().saving() ? 'Saving' : loadingLabel()" />
      }
      <div class="tf-card-head">
        <mat-icon class="tf-card-icon" aria-hidden="true">{{ icon() }}</mat-icon>
        <div class="tf-card-titles">
          <h2 [id]="headingId" class="tf-card-title">{{ heading() }}</h2>
          @if (value()) {
            <p class="tf-card-value">{{ value() }}</p>
          }
        </div>
        @if (changeLabel() && canChange() && state().loaded() && !state().editing()) {
          <button matButton type="button" (click)="edit.emit()" [attr.aria-label]="changeLabel()">
            <mat-icon aria-hidden="true">edit</mat-icon>
            Change
          </button>
        }
      </div>
      <p class="tf-card-text"><ng-content select="[tfSectionText]" /></p>
      @if (state().error(); as e) {
        <tf-error-banner class="tf-banner" [heading]="errorHeading()" [error]="e" [retryLabel]="state().loaded() ? '' : 'Try again'" (retry)="state().load()" />
      }
      <ng-content />
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .tf-card {
      position: relative;
      overflow: hidden;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    .tf-progress {
      position: absolute;
      inset: 0 0 auto 0;
    }
    .tf-card-head {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .tf-card-icon {
      flex: none;
      display: grid;
      place-items: center;
      width: 40px;
      height: 40px;
      border-radius: 50%;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .tf-card-titles {
      flex: 1 1 auto;
      min-width: 0;
    }
    .tf-card-title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .tf-card-value {
      margin: 0;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-primary);
      overflow-wrap: anywhere;
    }
    .tf-card-text {
      margin: 8px 0 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-banner {
      display: block;
      margin-top: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsSectionComponent {
  readonly icon = input.required<string>();
  readonly heading = input.required<string>();
  /** The current setting in a few words; nothing until it is loaded. */
  readonly value = input<string | null>(null);
  readonly state = input.required<SectionStatus>();
  /** What the progress bar says while the section loads. */
  readonly loadingLabel = input('Loading');
  readonly errorHeading = input('');
  /** The Change button's accessible name; without it the section has no Change button. */
  readonly changeLabel = input('');
  readonly canChange = input(true);
  readonly edit = output<void>();

  protected readonly headingId = `tf-settings-section-${nextId++}`;
}
