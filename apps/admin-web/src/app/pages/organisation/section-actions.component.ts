import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { SectionStatus } from './section-state';

/**
 * The buttons at the end of an Organisation section's form: Cancel while the form was opened with
 * Change, and the submit button, which says "Saving…" and waits while a save runs.
 */
@Component({
  selector: 'tf-section-actions',
  imports: [MatButton],
  template: `
    @if (state().editing()) {
      <button matButton type="button" [disabled]="state().saving()" (click)="state().editing.set(false)">Cancel</button>
    }
    <button matButton="filled" type="submit" [disabled]="state().saving() || !ready()">{{ state().saving() ? 'Saving…' : saveLabel() }}</button>
  `,
  styles: `
    :host {
      display: flex;
      gap: 8px;
      margin-left: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SectionActionsComponent {
  readonly state = input.required<SectionStatus>();
  readonly saveLabel = input.required<string>();
  /** False while the form holds nothing to save or something invalid. */
  readonly ready = input(true);
}
