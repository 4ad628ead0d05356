import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
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
import type { AdjustmentPreviewDto, ReviewDecisionDto, ReviewItemDto } from '@teamframe/shared-types';
import { catchError, debounceTime, distinctUntilChanged, firstValueFrom, map, of, skip, switchMap, tap } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { errorDetails } from '../../core/field-errors';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ReviewApi } from './review-api.service';
import { ReviewImageComponent } from './review-image.component';
import { adjustmentLabel, adjustmentsFrom, slidersFrom, type AdjustmentSliders } from './review-keys';

/** Sliders settle before a preview is asked for: one render per pause, not one per pixel dragged. */
const PREVIEW_DEBOUNCE_MS = 400;

type PreviewState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; preview: AdjustmentPreviewDto } | { kind: 'error'; message: string };

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
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatButton,
    MatProgressBar,
    MatSlider,
    MatSliderThumb,
    ErrorBannerComponent,
    ReviewImageComponent,
  ],
  template: `
    @if (saving()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" aria-label="Starting the regeneration" />
    }
    <h2 mat-dialog-title>Regenerate {{ name }}'s headshot</h2>
    <mat-dialog-content>
      <p class="tf-lead">
        Makes a new result from the same selfie with the company style, plus the corrections below. The
        preview shows what you will get; earlier results are kept until you approve one.
      </p>
      @if (error(); as e) {
        <tf-error-banner class="tf-banner" [error]="e" />
      }
      <div class="tf-compare">
        <figure>
          @if (item.fullSize) {
            <tf-review-image class="tf-contain" [headshotId]="item.headshotId" [rendition]="item.fullSize" [alt]="'Current result for ' + name" />
          } @else {
            <div class="tf-preview-empty">No current result</div>
          }
          <figcaption>Now</figcaption>
        </figure>
        <figure>
          <div class="tf-preview" aria-live="polite" [attr.aria-busy]="preview().kind === 'loading'">
            @switch (preview().kind) {
              @case ('ready') {
                @if (previewImage(); as src) {
                  <img [src]="src" [alt]="'Preview of the new result for ' + name" />
                } @else {
                  <div class="tf-preview-empty">{{ previewMessage() }}</div>
                }
              }
              @case ('error') {
                <div class="tf-preview-empty">{{ previewMessage() }}</div>
              }
              @case ('loading') {
                <div class="tf-preview-empty">Rendering a preview…</div>
              }
              @default {
                <div class="tf-preview-empty">Move a slider to see a preview.</div>
              }
            }
          </div>
          <figcaption>Preview</figcaption>
        </figure>
      </div>
      @if (preview().kind === 'loading') {
        <mat-progress-bar mode="indeterminate" aria-label="Rendering the preview" />
      }
      @for (s of sliders; track s.key) {
        <div class="tf-slider-row">
          <div class="tf-slider-head">
            <span class="tf-slider-label" [id]="'tf-adj-' + s.key">{{ s.label }}</span>
            <span class="tf-slider-value">{{ label(s) }}</span>
          </div>
          <mat-slider [min]="s.min" [max]="s.max" [step]="s.step" [displayWith]="spoken[s.key]" class="tf-slider">
            <input
              matSliderThumb
              [value]="values()[s.key]"
              [attr.aria-labelledby]="'tf-adj-' + s.key"
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

    @include dialog.form-frame;
    .tf-lead {
      margin-top: 0;
    }
    .tf-compare {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px;
      margin-bottom: 12px;

      figure {
        margin: 0;
        min-width: 0;
      }
      figcaption {
        margin-top: 4px;
        text-align: center;
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-label-medium);
      }
    }
    .tf-preview {
      aspect-ratio: 1;
      border-radius: 8px;
      overflow: hidden;
      background: var(--mat-sys-surface-container-high);

      img {
        display: block;
        width: 100%;
        height: 100%;
        object-fit: contain;
      }
    }
    .tf-preview-empty {
      display: flex;
      align-items: center;
      justify-content: center;
      height: 100%;
      aspect-ratio: 1;
      padding: 8px;
      box-sizing: border-box;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .tf-slider-row {
      margin-top: 16px;
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
  /** What a screen reader says for each slider's value (the slider's aria-valuetext). */
  protected readonly spoken = Object.fromEntries(SLIDERS.map((s) => [s.key, (v: number) => adjustmentLabel(s.key, v)])) as Record<keyof AdjustmentSliders, (v: number) => string>;
  protected readonly values = signal<AdjustmentSliders>(slidersFrom(this.item.adjustments));
  protected readonly saving = signal(false);
  protected readonly error = signal<DisplayError | null>(null);
  protected readonly preview = signal<PreviewState>({ kind: 'idle' });
  protected readonly previewImage = () => {
    const p = this.preview();
    return p.kind === 'ready' ? p.preview.image : null;
  };
  protected readonly previewMessage = () => {
    const p = this.preview();
    return p.kind === 'error' ? p.message : p.kind === 'ready' ? (p.preview.message ?? 'This selfie could not be rendered with these corrections.') : '';
  };

  constructor() {
    // Each settled change renders a small preview on the interactive queue; a newer change cancels the older request.
    toObservable(this.values)
      .pipe(
        map((v) => JSON.stringify(adjustmentsFrom(v))),
        distinctUntilChanged(),
        // The opening values are what "Now" already shows.
        skip(1),
        debounceTime(PREVIEW_DEBOUNCE_MS),
        switchMap((json) => {
          this.preview.set({ kind: 'loading' });
          return this.api.preview(this.item.headshotId, JSON.parse(json)).pipe(
            map((preview): PreviewState => ({ kind: 'ready', preview })),
            catchError((err: unknown) => of<PreviewState>({ kind: 'error', message: toDisplayError(err).message })),
          );
        }),
        tap((state) => this.preview.set(state)),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  protected set(key: keyof AdjustmentSliders, value: number): void {
    this.values.update((v) => ({ ...v, [key]: value }));
  }

  protected reset(): void {
    this.values.set(slidersFrom(null));
  }

  protected label(s: SliderSpec): string {
    return adjustmentLabel(s.key, this.values()[s.key]);
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
