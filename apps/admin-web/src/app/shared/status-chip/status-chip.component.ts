import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { EmployeeStatus } from '@teamframe/shared-types';

/** How each headshot status reads; the icon and words carry the meaning, colour only helps. */
export const EMPLOYEE_STATUS_LABELS: Record<EmployeeStatus, string> = {
  not_invited: 'Not invited',
  invited: 'Invited',
  uploaded: 'Photo received',
  processing: 'Processing',
  in_review: 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
};

const ICONS: Record<EmployeeStatus, string> = {
  not_invited: 'person_off',
  invited: 'mail',
  uploaded: 'upload',
  processing: 'autorenew',
  in_review: 'rate_review',
  approved: 'check_circle',
  rejected: 'cancel',
};

@Component({
  selector: 'tf-status-chip',
  imports: [MatIcon],
  template: `<mat-icon aria-hidden="true">{{ icon() }}</mat-icon><span>{{ label() }}</span>`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 6px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    mat-icon {
      width: 16px;
      height: 16px;
      font-size: 16px;
    }
    :host(.tf-status-invited),
    :host(.tf-status-uploaded) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.tf-status-processing),
    :host(.tf-status-in_review) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host(.tf-status-approved) {
      background: var(--tf-success-container);
      color: var(--tf-on-success-container);
    }
    :host(.tf-status-rejected) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  host: { '[class]': '"tf-status-" + status()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChipComponent {
  readonly status = input.required<EmployeeStatus>();
  protected readonly label = computed(() => EMPLOYEE_STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => ICONS[this.status()]);
}
