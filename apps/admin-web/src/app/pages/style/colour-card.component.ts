import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSlider, MatSliderThumb } from '@angular/material/slider';
import { LIMITS } from './style-draft';
import { StyleDraftService } from './style-draft.service';

/** White balance, face brightness and skin smoothing. */
@Component({
  selector: 'tf-colour-card',
  imports: [FormsModule, PercentPipe, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatSlideToggle, MatSlider, MatSliderThumb],
  templateUrl: './colour-card.component.html',
  styleUrl: './colour-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ColourCardComponent {
  protected readonly draft = inject(StyleDraftService);
  protected readonly limits = LIMITS;
}
