import { ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ErrorBannerComponent } from './error-banner/error-banner.component';

/**
 * What every form dialog is built from (see `dialog.scss` for its look and `FormSubmission` for its
 * submit): a reactive form of text fields with hints and errors, the error banner, the progress bar
 * along the top edge, and Cancel and submit buttons. A dialog adds its own extra widgets beside these.
 */
export const FORM_DIALOG_IMPORTS = [
  ReactiveFormsModule,
  MatDialogTitle,
  MatDialogContent,
  MatDialogActions,
  MatDialogClose,
  MatFormField,
  MatLabel,
  MatHint,
  MatError,
  MatInput,
  MatButton,
  MatProgressBar,
  ErrorBannerComponent,
] as const;
