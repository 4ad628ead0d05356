import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { StyleDraftService } from './style-draft.service';
import { StylePreviewService } from './style-preview.service';

/** The draft rendered on a few selfies (or sample portraits), with guides where the framing puts the face. */
@Component({
  selector: 'tf-preview-card',
  imports: [FormsModule, DecimalPipe, MatCard, MatCardHeader, MatCardTitle, MatCardSubtitle, MatCardContent, MatIcon, MatProgressBar, MatSlideToggle, ErrorBannerComponent],
  templateUrl: './preview-card.component.html',
  styleUrl: './preview-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreviewCardComponent {
  private readonly draft = inject(StyleDraftService);
  protected readonly preview = inject(StylePreviewService);

  protected readonly showGuides = signal(true);
  protected readonly guides = computed(() => {
    const d = this.draft.doc();
    if (!d) return null;
    const eye = d.framing.eyeLine;
    const fh = d.framing.faceHeight;
    // The pipeline places the eyes about 45% of the face height below the top of the forehead.
    return { eye: eye * 100, top: Math.max(0, eye - fh * 0.45) * 100, chin: Math.min(1, eye + fh * 0.55) * 100 };
  });
  protected readonly aspectRatio = computed(() => {
    const a = this.draft.doc()?.canvas.aspect ?? '1:1';
    const [w, h] = a.split(':').map(Number);
    return `${w} / ${h}`;
  });
}
