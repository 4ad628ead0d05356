import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlider, MatSliderThumb } from '@angular/material/slider';
import { ASPECT_LABELS, ASPECTS, framingTolerance, LIMITS } from './style-draft';
import { StyleDraftService } from './style-draft.service';

/** The style's name, canvas (width, aspect) and where the face lands on it, with the margins allowed. */
@Component({
  selector: 'tf-framing-card',
  imports: [
    FormsModule,
    PercentPipe,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatHint,
    MatSuffix,
    MatInput,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatSlider,
    MatSliderThumb,
  ],
  templateUrl: './framing-card.component.html',
  styleUrl: './framing-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FramingCardComponent {
  protected readonly draft = inject(StyleDraftService);
  protected readonly aspects = ASPECTS;
  protected readonly aspectLabels = ASPECT_LABELS;
  protected readonly limits = LIMITS;
  protected readonly tolerance = framingTolerance;
}
