import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import type { InviteLinkDto } from '@teamframe/shared-types';

export interface InviteLinkDialogData extends InviteLinkDto {
  name: string;
  /** False when the browser refused the clipboard: the person copies from the field instead. */
  copied: boolean;
}

/** Shows a fresh personal link, its expiry, and that the previous link no longer works. */
@Component({
  selector: 'tf-invite-link-dialog',
  imports: [DatePipe, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatFormField, MatLabel, MatInput, MatIcon, MatButton],
  template: `
    <h2 mat-dialog-title>Personal link for {{ data.name }}</h2>
    <mat-dialog-content>
      <p class="tf-status" role="status">
        @if (data.copied) {
          <mat-icon aria-hidden="true">check_circle</mat-icon> Copied to the clipboard. Paste it into a chat with {{ data.name }}.
        } @else {
          <mat-icon aria-hidden="true">content_copy</mat-icon> The browser did not allow copying: select the link below and copy it.
        }
      </p>
      <mat-form-field class="tf-link">
        <mat-label>Link</mat-label>
        <input matInput readonly [value]="data.link" (focus)="$any($event.target).select()" spellcheck="false" />
      </mat-form-field>
      <p>Works until <strong>{{ data.expiresAt | date: 'd MMM y, HH:mm' }}</strong>.</p>
      <p class="tf-warning">
        <mat-icon aria-hidden="true">warning</mat-icon>
        <span>The previous link for {{ data.name }} has stopped working, including the one in their invite email. No email was sent.</span>
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton="filled" type="button" mat-dialog-close cdkFocusInitial>Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    .tf-status,
    .tf-warning {
      display: flex;
      align-items: flex-start;
      gap: 8px;
    }
    .tf-warning {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .tf-link {
      width: 100%;
    }
    mat-icon {
      flex: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteLinkDialogComponent {
  protected readonly data = inject<InviteLinkDialogData>(MAT_DIALOG_DATA);
}
