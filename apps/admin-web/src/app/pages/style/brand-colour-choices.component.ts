import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** The org's brand colours as one-click choices next to a colour picker. Renders nothing without colours. */
@Component({
  selector: 'tf-brand-colour-choices',
  template: `
    @if (colours().length) {
      <div class="tf-choices" role="group" [attr.aria-label]="'Brand colours for ' + target()">
        @for (c of colours(); track c) {
          <button
            type="button"
            class="tf-choice"
            [style.background]="c"
            [attr.aria-label]="'Use brand colour ' + c + ' for ' + target()"
            [attr.aria-pressed]="c === value()?.toLowerCase()"
            [title]="c"
            (click)="pick.emit(c)"
          ></button>
        }
      </div>
    }
  `,
  styles: `
    .tf-choices {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .tf-choice {
      width: 28px;
      height: 28px;
      padding: 0;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 50%;
      cursor: pointer;
      box-shadow: inset 0 0 0 2px var(--mat-sys-surface);

      &[aria-pressed='true'] {
        outline: 2px solid var(--mat-sys-primary);
        outline-offset: 2px;
      }
      &:focus-visible {
        outline: 3px solid var(--mat-sys-primary);
        outline-offset: 2px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandColourChoicesComponent {
  readonly colours = input.required<readonly string[]>();
  /** The picker's current value, to mark the matching swatch. */
  readonly value = input<string | null>(null);
  /** What the colour is for, in the button labels ("the background"). */
  readonly target = input.required<string>();
  readonly pick = output<string>();
}
