import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlider, MatSliderThumb } from '@angular/material/slider';
import type { ReviewDecisionDto, ReviewItemDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { errorDetails } from '../../core/field-errors';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ReviewApi } from './review-api.service';
import { adjustmentsFrom, slidersFrom, type AdjustmentSliders } from './review-keys';

interface SliderSpec {
  key: keyof AdjustmentSliders;
  label: string;
  min: number;
  max: number;
  step: number;
  low: string;
  high: string;
}

// Ranges from HeadshotAdjustmentsSchema (libs/shared-types review.ts).
const SLIDERS: readonly SliderSpec[] = [
  { key: 'vertical', label: 'Move the face', min: -0.1, max: 0.1, step: 0.01, low: 'Higher', high: 'Lower' },
  { key: 'zoom', label: 'Zoom', min: -0.2, max: 0.2, step: 0.02, low: 'Further', high: 'Closer' },
  { key: 'backgroundBlur', label: 'Background blur', min: 0, max: 1, step: 0.05, low: 'Style background', high: 'Blurred original' },
  { key: 'exposure', label: 'Exposure', min: -0.2, max: 0.2, step: 0.02, low: 'Darker', high: 'Brighter' },
];

/** Render a new version of one headshot, optionally nudged. Closes with the decision (state processing). */
@Component({
  selector: 'tf-regenerate-dialog',
  imports: [
    DecimalPipe,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatProgressBar,
    MatSlider,
    MatSliderThumb,
    ErrorBannerComponent,
  ],
  template: `
    @if (saving()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" aria-label="Starting the regeneration" />
    }
    <h2 mat-dialog-title>Regenerate {{ name }}'s headshot</h2>
    <mat-dialog-content>
      <p class="tf-lead">
        Renders version {{ item.version + 2 }} from the same selfie with the company style, plus the small
        corrections below. Earlier versions are kept until one is approved.
      </p>
      @if (error(); as e) {
        <tf-error-banner class="tf-banner" [error]="e" />
      }
      @for (s of sliders; track s.key) {
        <div class="tf-slider-row">
          <div class="tf-slider-head">
            <span class="tf-slider-label" [id]="'tf-adj-' + s.key">{{ s.label }}</span>
            <span class="tf-slider-value">{{ values()[s.key] | number: '1.0-2' }}</span>
          </div>
          <mat-slider [min]="s.min" [max]="s.max" [step]="s.step" class="tf-slider">
            <input
              matSliderThumb
              [value]="values()[s.key]"
              [attr.aria-labelledby]="'tf-adj-' + s.key"
              [attr.aria-valuetext]="valueText(s)"
              (valueChange)="set(s.key, $event)"
            />
          </mat-slider>
          <div class="tf-slider-ends" aria-hidden="true"><span>{{ s.low }}</span><span>{{ s.high }}</span></div>
        </div>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [disabled]="saving()" (click)="reset()">Reset</button>
      <span class="tf-spacer"></span>
      <button matButton type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
      <button matButton="filled" type="button" cdkFocusInitial [disabled]="saving()" (click)="submit()">
        {{ saving() ? 'Starting…' : 'Regenerate' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.frame;
    .tf-lead {
      margin-top: 0;
    }
    .tf-banner {
      @include dialog.banner;
    }
    .tf-slider-row {
      margin-bottom: 20px;
    }
    .tf-slider-head {
      display: flex;
      justify-content: space-between;
      font: var(--mat-sys-label-large);
    }
    .tf-slider-value {
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-slider {
      display: block;
      width: calc(100% - 16px);
      margin: 0 8px;
    }
    .tf-slider-ends {
      display: flex;
      justify-content: space-between;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .tf-spacer {
      flex: 1 1 auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegenerateDialogComponent {
  protected readonly item = inject<ReviewItemDto>(MAT_DIALOG_DATA);
  protected readonly name = `${this.item.firstName} ${this.item.lastName}`.trim();
  private readonly dialogRef = inject<MatDialogRef<RegenerateDialogComponent, ReviewDecisionDto>>(MatDialogRef);
  private readonly api = inject(ReviewApi);
  protected readonly sliders = SLIDERS;
  protected readonly values = signal<AdjustmentSliders>(slidersFrom(this.item.adjustments));
  protected readonly saving = signal(false);
  protected readonly error = signal<DisplayError | null>(null);

  protected set(key: keyof AdjustmentSliders, value: number): void {
    this.values.update((v) => ({ ...v, [key]: value }));
  }

  protected reset(): void {
    this.values.set(slidersFrom(null));
  }

  protected valueText(s: SliderSpec): string {
    const v = this.values()[s.key];
    if (!v) return 'none';
    return `${Math.abs(v).toFixed(2)} ${v < 0 ? s.low : s.high}`.toLowerCase();
  }

  protected async submit(): Promise<void> {
    if (this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      const decision = await firstValueFrom(this.api.regenerate(this.item.headshotId, adjustmentsFrom(this.values())));
      this.dialogRef.close(decision);
    } catch (err) {
      const e = toDisplayError(err);
      const details = errorDetails(err);
      // Field paths here are slider names; one sentence is clearer than pointing at a slider.
      this.error.set(details.length ? { ...e, message: `${e.message} ${details.map((d) => `${d.path} ${d.message}.`).join(' ')}` } : e);
    } finally {
      this.saving.set(false);
    }
  }
}
