import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';

let nextId = 0;

/**
 * The frame of one section of the Organisation page: an outlined card with an icon, the title, the
 * current value in one line, an optional action beside it (`[tfSectionAction]`), a sentence on what the
 * setting does (`[tfSectionText]`), the load error, and the form (the rest of the content).
 */
@Component({
  selector: 'tf-settings-section',
  imports: [MatIcon, MatProgressBar, ErrorBannerComponent],
  template: `
    <section class="tf-card" [attr.aria-labelledby]="headingId">
      @if (busy()) {
        <mat-progress-bar class="tf-progress" mode="indeterminate" [attr.aria-label]="busyLabel()" />
      }
      <div class="tf-card-head">
        <mat-icon class="tf-card-icon" aria-hidden="true">{{ icon() }}</mat-icon>
        <div class="tf-card-titles">
          <h2 [id]="headingId" class="tf-card-title">{{ heading() }}</h2>
          @if (value()) {
            <p class="tf-card-value">{{ value() }}</p>
          }
        </div>
        <ng-content select="[tfSectionAction]" />
      </div>
      <p class="tf-card-text"><ng-content select="[tfSectionText]" /></p>
      @if (error(); as e) {
        <tf-error-banner class="tf-banner" [heading]="errorHeading()" [error]="e" [retryLabel]="retryLabel()" (retry)="retry.emit()" />
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
  readonly busy = input(false);
  readonly busyLabel = input('Loading');
  readonly error = input<DisplayError | null>(null);
  readonly errorHeading = input('');
  readonly retryLabel = input('Try again');
  readonly retry = output<void>();

  protected readonly headingId = `tf-settings-section-${nextId++}`;
}
