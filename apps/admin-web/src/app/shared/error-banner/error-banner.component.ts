import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import type { DisplayError } from '../../core/api-error';

/** The server's sentence, the request id support needs, and an optional retry. */
@Component({
  selector: 'tf-error-banner',
  imports: [MatIcon, MatButton],
  template: `
    <div class="tf-error-banner" role="alert">
      <mat-icon class="tf-error-icon" aria-hidden="true">error</mat-icon>
      <div class="tf-error-text">
        @if (heading()) {
          <p class="tf-error-heading">{{ heading() }}</p>
        }
        <p class="tf-error-message">{{ error().message }}</p>
        @if (error().requestId) {
          <p class="tf-error-request-id">{{ requestIdLabel() }}: <code>{{ error().requestId }}</code></p>
        }
      </div>
      @if (retryLabel()) {
        <button matButton type="button" class="tf-error-retry" (click)="retry.emit()">{{ retryLabel() }}</button>
      }
    </div>
  `,
  styles: `
    .tf-error-banner {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .tf-error-icon {
      flex: none;
      margin-top: 2px;
    }
    .tf-error-text {
      flex: 1 1 auto;
      min-width: 0;
    }
    p {
      margin: 0;
    }
    .tf-error-heading {
      font: var(--mat-sys-title-small);
    }
    .tf-error-message {
      font: var(--mat-sys-body-medium);
    }
    .tf-error-request-id {
      margin-top: 4px;
      font: var(--mat-sys-body-small);
      overflow-wrap: anywhere;
    }
    .tf-error-retry {
      flex: none;
      --mat-button-text-label-text-color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorBannerComponent {
  readonly error = input.required<DisplayError>();
  readonly heading = input<string>('');
  /** The employee's upload page names the id in the employee's language. */
  readonly requestIdLabel = input<string>('Request id');
  /** Shows a retry button when set. */
  readonly retryLabel = input<string>('');
  readonly retry = output<void>();
}
