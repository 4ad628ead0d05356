import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { BrandColourChoicesComponent } from './brand-colour-choices.component';
import { StyleDraftService } from './style-draft.service';

/** One colour of the draft: the browser's picker, its hex value and the brand colours, in one row. */
@Component({
  selector: 'tf-colour-field',
  imports: [FormsModule, MatFormField, MatLabel, MatInput, BrandColourChoicesComponent],
  template: `
    <div class="tf-colour-row">
      <input type="color" class="tf-swatch" [attr.aria-label]="pickerLabel()" [value]="value()" (input)="draft.set(path(), $any($event.target).value)" />
      <mat-form-field subscriptSizing="dynamic" [class.mat-form-field-invalid]="!!draft.err(path())">
        <mat-label>{{ label() }}</mat-label>
        <input matInput spellcheck="false" [ngModel]="value()" (ngModelChange)="draft.set(path(), $event)" />
      </mat-form-field>
      <tf-brand-colour-choices [colours]="colours()" [value]="value()" [target]="target()" (pick)="draft.set(path(), $event)" />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .tf-colour-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;

      mat-form-field {
        width: 130px;
      }
    }
    .tf-swatch {
      width: 48px;
      height: 48px;
      padding: 2px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      background: none;
      cursor: pointer;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ColourFieldComponent {
  protected readonly draft = inject(StyleDraftService);
  /** The style path of the colour ("background.from"); edits go there and its messages mark the field. */
  readonly path = input.required<string>();
  readonly value = input.required<string>();
  /** The hex field's label ("From (hex)"). */
  readonly label = input.required<string>();
  /** What a screen reader calls the picker ("Gradient start colour"). */
  readonly pickerLabel = input.required<string>();
  /** What the brand colours are offered for ("the gradient start"). */
  readonly target = input.required<string>();
  readonly colours = input.required<readonly string[]>();
}
