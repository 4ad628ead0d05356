import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { ComponentHealth } from '../../core/api-types';

/** One dependency in a status list: name, up/down in words and icon (never colour alone), latency. */
@Component({
  selector: 'li[tf-status-row]',
  imports: [MatIcon],
  template: `
    <mat-icon class="tf-status-icon" aria-hidden="true">{{ up() ? 'check_circle' : 'cancel' }}</mat-icon>
    <span class="tf-status-label">{{ label() }}</span>
    <span class="tf-status-value">
      {{ text() ?? (up() ? 'Up' : 'Down') }}
      @if (up() && latency() !== null) {
        <span class="tf-status-latency">· {{ latency() }} ms</span>
      }
    </span>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 10px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-body-large);
    }
    :host(.tf-up) .tf-status-icon {
      color: var(--tf-success-color);
    }
    :host(.tf-down) .tf-status-icon,
    :host(.tf-down) .tf-status-value {
      color: var(--mat-sys-error);
    }
    .tf-status-label {
      flex: 1 1 auto;
    }
    .tf-status-value {
      font: var(--mat-sys-label-large);
    }
    .tf-status-latency {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  host: {
    '[class.tf-up]': 'up()',
    '[class.tf-down]': '!up()',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusRowComponent {
  readonly label = input.required<string>();
  readonly health = input.required<ComponentHealth>();
  /** Said instead of Up / Down (e.g. "2 connected"). */
  readonly text = input<string>();

  protected readonly up = computed(() => this.health().status === 'up');
  protected readonly latency = computed(() => {
    const ms = this.health().latencyMs;
    return typeof ms === 'number' ? Math.round(ms) : null;
  });
}
