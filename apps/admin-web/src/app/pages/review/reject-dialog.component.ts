import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { ReviewDecisionDto, ReviewItemDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { FormSubmission } from '../../core/form-submission';
import { FORM_DIALOG_IMPORTS } from '../../shared/form-dialog';
import { ReviewApi } from './review-api.service';

/** Reject one headshot with a reason the employee reads in their mail. Closes with the decision. */
@Component({
  selector: 'tf-reject-dialog',
  imports: [FORM_DIALOG_IMPORTS],
  template: `
    @if (saving()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" aria-label="Rejecting" />
    }
    <h2 mat-dialog-title>Reject {{ name }}'s headshot</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="tf-lead">
          {{ item.firstName }} gets an email with your reason and a fresh link to upload a new photo. Be kind and specific.
        </p>
        @if (error(); as e) {
          <tf-error-banner class="tf-banner" [error]="e" />
        }
        <mat-form-field class="tf-full">
          <mat-label>Reason</mat-label>
          <textarea
            #reason
            matInput
            formControlName="reason"
            rows="4"
            required
            maxlength="1000"
            cdkFocusInitial
          ></textarea>
          <mat-hint>For example: "Your face is partly in shadow; try facing a window."</mat-hint>
          <mat-hint align="end">{{ form.controls.reason.value.length }} / 1000</mat-hint>
          @if (form.controls.reason.hasError('server')) {
            <mat-error>{{ form.controls.reason.getError('server') }}</mat-error>
          } @else if (form.controls.reason.hasError('required') || form.controls.reason.hasError('minlength')) {
            <mat-error>Say in a few words what {{ item.firstName }} should do differently.</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button matButton="filled" type="submit" class="tf-destructive" [disabled]="saving()">
          {{ saving() ? 'Rejecting…' : 'Reject and email' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.form-frame;
    .tf-lead {
      margin-top: 0;
    }
    .tf-full {
      width: 100%;
    }
    .tf-destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RejectDialogComponent {
  protected readonly item = inject<ReviewItemDto>(MAT_DIALOG_DATA);
  protected readonly name = `${this.item.firstName} ${this.item.lastName}`.trim();
  private readonly dialogRef = inject<MatDialogRef<RejectDialogComponent, ReviewDecisionDto>>(MatDialogRef);
  private readonly api = inject(ReviewApi);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.minLength(3)]],
  });
  private readonly reasonInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('reason');
  private readonly submission = new FormSubmission(this.form, { labels: { reason: 'The reason' }, focus: () => this.reasonInput().nativeElement.focus() });
  protected readonly saving = this.submission.saving;
  protected readonly error = this.submission.error;

  protected submit(): Promise<void> {
    return this.submission.submit(async () => {
      const decision = await firstValueFrom(this.api.reject(this.item.headshotId, this.form.getRawValue().reason.trim()));
      this.dialogRef.close(decision);
    });
  }
}
