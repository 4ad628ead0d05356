import { DecimalPipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSlider, MatSliderThumb } from '@angular/material/slider';
import { MatTooltip } from '@angular/material/tooltip';
import type { ColourSpace, ProfilePicture, ProfileShape, Rendition } from '@teamframe/shared-types';
import { ColourFieldComponent } from './colour-field.component';
import { newProfileRendition, PROFILE_LIMITS, profilePreviewBox, withProfile, withProfileFormat, withRing, withShape, withSide } from './profile-draft';
import { COLOUR_SPACE_LABELS, FORMATS, newRendition, withColourSpace } from './style-draft';
import { StyleDraftService } from './style-draft.service';
import { StylePreviewService } from './style-preview.service';

const MAX_RENDITIONS = 12;
/** Side in px of the small profile-picture preview next to its settings. */
const PROFILE_PREVIEW_PX = 112;

/** The files every approved headshot is exported as: size, format, colour space, and round or square profile pictures. */
@Component({
  selector: 'tf-renditions-card',
  imports: [
    FormsModule,
    DecimalPipe,
    PercentPipe,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatSuffix,
    MatInput,
    MatSelect,
    MatOption,
    MatSlider,
    MatSliderThumb,
    MatSlideToggle,
    MatCheckbox,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    ColourFieldComponent,
  ],
  templateUrl: './renditions-card.component.html',
  styleUrl: './renditions-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenditionsCardComponent {
  protected readonly draft = inject(StyleDraftService);
  protected readonly preview = inject(StylePreviewService);

  /** The org's saved brand colours: offered for rings, and a new profile picture is ringed in the first. */
  readonly brandColours = input.required<readonly string[]>();

  protected readonly formats = FORMATS;
  protected readonly colourSpaces: readonly ColourSpace[] = ['srgb', 'cmyk'];
  protected readonly colourSpaceLabels = COLOUR_SPACE_LABELS;
  protected readonly maxRenditions = MAX_RENDITIONS;
  protected readonly profileLimits = PROFILE_LIMITS;
  protected readonly profilePreviewPx = PROFILE_PREVIEW_PX;

  /** A document saved before print renditions existed has no colour space: it is sRGB. */
  protected colourSpaceOf(r: Rendition): ColourSpace {
    return (r as Partial<Rendition>).colourSpace ?? 'srgb';
  }

  /** Applies one of the row edits (style-draft.ts, profile-draft.ts) to row `index`. */
  private edit(index: number, change: (r: Rendition) => Rendition): void {
    const d = this.draft.doc();
    if (!d) return;
    this.draft.set(`renditions.${index}`, change(d.renditions[index]));
  }

  protected setColourSpace(index: number, colourSpace: ColourSpace): void {
    this.edit(index, (r) => withColourSpace(r, colourSpace));
  }

  protected setFormat(index: number, format: Rendition['format']): void {
    // A cut-out or a round picture only exists in PNG and WebP; switching away turns them off rather than failing to save.
    this.edit(index, (r) => withProfileFormat(r, format));
  }

  /** Between "long edge" (size) and an exact width × height box; the schema takes one or the other. */
  protected setSizing(index: number, mode: 'size' | 'box'): void {
    this.edit(index, ({ width, height, size, ...rest }) => {
      const edge = size ?? (Math.max(width ?? 0, height ?? 0) || 800);
      return mode === 'size' ? { ...rest, size: edge } : { ...rest, width: width ?? edge, height: height ?? edge };
    });
  }

  protected setProfileOn(index: number, on: boolean): void {
    this.edit(index, (r) => withProfile(r, on));
  }

  protected setShape(index: number, shape: ProfileShape): void {
    this.edit(index, (r) => withShape(r, shape));
  }

  protected setRing(index: number, on: boolean): void {
    this.edit(index, (r) => withRing(r, on, on && !r.profile?.ring ? (this.brandColours()[0] ?? null) : null));
  }

  protected setSide(index: number, side: number): void {
    this.edit(index, (r) => withSide(r, side));
  }

  protected profileBox(profile: ProfilePicture) {
    const d = this.draft.doc();
    return d ? profilePreviewBox(d, profile, PROFILE_PREVIEW_PX) : null;
  }

  protected addRendition(): void {
    this.draft.update((d) => (d.renditions.length >= MAX_RENDITIONS ? d : { ...d, renditions: [...d.renditions, newRendition(d.renditions)] }));
  }

  protected addProfilePicture(): void {
    this.draft.update((d) => (d.renditions.length >= MAX_RENDITIONS ? d : { ...d, renditions: [...d.renditions, newProfileRendition(d.renditions, this.brandColours())] }));
  }

  protected removeRendition(index: number): void {
    // Row numbers shift, so the old messages would point at the wrong rows.
    this.draft.update((d) => (d.renditions.length <= 1 ? d : { ...d, renditions: d.renditions.filter((_, i) => i !== index) }), 'renditions');
  }
}
