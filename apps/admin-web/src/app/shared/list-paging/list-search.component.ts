import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatFormField, MatLabel, MatPrefix, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';

/**
 * A list's search box: every keystroke goes out as `search` (PagedList debounces the request) and a
 * button empties it. The page sizes the host (it sits in the page's filter row); the field fills it.
 */
@Component({
  selector: 'tf-list-search',
  imports: [MatFormField, MatLabel, MatPrefix, MatSuffix, MatInput, MatIcon, MatIconButton],
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <mat-icon matPrefix aria-hidden="true">search</mat-icon>
      <input matInput type="search" [value]="value()" (input)="search.emit($any($event.target).value)" autocomplete="off" />
      @if (value()) {
        <button matIconButton matSuffix type="button" aria-label="Clear search" (click)="search.emit('')">
          <mat-icon aria-hidden="true">close</mat-icon>
        </button>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListSearchComponent {
  readonly label = input.required<string>();
  /** The text in the box (the list's searchText). */
  readonly value = input.required<string>();
  readonly search = output<string>();
}
