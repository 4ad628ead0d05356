import { BreakpointObserver } from '@angular/cdk/layout';
import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlider, MatSliderThumb } from '@angular/material/slider';
import type { Background } from '@teamframe/shared-types';
import { firstValueFrom, map } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { BrandApi } from './brand-api.service';
import { ColourFieldComponent } from './colour-field.component';
import { brandBackgroundUrl, brandImageProblem, switchBackground } from './style-draft';
import { StyleDraftService } from './style-draft.service';

type UploadState = { kind: 'idle' } | { kind: 'uploading' } | { kind: 'error'; error: DisplayError };

/** The background behind the person: a colour, a gradient, their own surroundings blurred, or a brand image. */
@Component({
  selector: 'tf-background-card',
  imports: [
    FormsModule,
    PercentPipe,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardContent,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatButton,
    MatIcon,
    MatProgressBar,
    MatSlider,
    MatSliderThumb,
    ErrorBannerComponent,
    ColourFieldComponent,
  ],
  templateUrl: './background-card.component.html',
  styleUrl: './background-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BackgroundCardComponent {
  protected readonly draft = inject(StyleDraftService);
  private readonly brandApi = inject(BrandApi);

  /** The org's saved brand colours, offered next to every colour picker. */
  readonly brandColours = input.required<readonly string[]>();

  /** Four background types do not fit side by side on a phone; there they stack. */
  protected readonly narrow = toSignal(inject(BreakpointObserver).observe('(max-width: 599.98px)').pipe(map((r) => r.matches)), { initialValue: false });

  /** "Brand image" picked in the toggle while the draft has no image yet: the upload shows, the draft keeps its background. */
  protected readonly imagePending = signal(false);
  protected readonly backgroundChoice = computed(() => (this.imagePending() ? 'image' : (this.draft.doc()?.background.type ?? 'solid')));
  /** The last brand image used in this visit, so switching away and back brings it back. */
  private readonly lastImage = signal<{ ref: string; blur: number } | null>(null);
  protected readonly backgroundUpload = signal<UploadState>({ kind: 'idle' });
  protected readonly backgroundUploadError = computed(() => {
    const s = this.backgroundUpload();
    return s.kind === 'error' ? s.error : null;
  });
  /** The thumbnail of the draft's brand image, through the API (same origin, the session cookie goes along). */
  protected readonly imageThumb = computed(() => {
    const bg = this.draft.doc()?.background;
    return bg?.type === 'image' ? brandBackgroundUrl(bg.ref) : null;
  });

  constructor() {
    // A draft started over (a version, a preset) has nothing pending; its own brand image is the one to come back to.
    effect(() => {
      this.draft.starts();
      untracked(() => {
        const bg = this.draft.doc()?.background;
        this.imagePending.set(false);
        this.backgroundUpload.set({ kind: 'idle' });
        if (bg?.type === 'image') this.lastImage.set({ ref: bg.ref, blur: bg.blur });
      });
    });
  }

  protected setBackgroundType(type: Background['type']): void {
    const d = this.draft.doc();
    if (!d) return;
    this.backgroundUpload.set({ kind: 'idle' });
    if (type === 'image') {
      if (d.background.type === 'image') return this.imagePending.set(false);
      const last = this.lastImage();
      if (last) {
        this.draft.update((doc) => ({ ...doc, background: { type: 'image', ...last } }), 'background');
      } else {
        // Nothing to show yet: the upload appears, the draft keeps its background until an image arrives.
        this.imagePending.set(true);
      }
      return;
    }
    this.imagePending.set(false);
    if (d.background.type === 'image') this.lastImage.set({ ref: d.background.ref, blur: d.background.blur });
    this.draft.update((doc) => ({ ...doc, background: switchBackground(doc.background, type) }), 'background');
  }

  /** Stores the picked image as a brand background and puts it in the draft. */
  protected async onBackgroundChosen(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const problem = brandImageProblem(file);
    if (problem) {
      this.backgroundUpload.set({ kind: 'error', error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: problem, requestId: null, status: 415 } });
      return;
    }
    this.backgroundUpload.set({ kind: 'uploading' });
    try {
      const stored = await firstValueFrom(this.brandApi.addBackground(file));
      const d = this.draft.doc();
      if (!d) return;
      const blur = d.background.type === 'image' ? d.background.blur : 0;
      this.draft.update((doc) => ({ ...doc, background: { type: 'image', ref: stored.ref, blur } }), 'background');
      this.lastImage.set({ ref: stored.ref, blur });
      this.imagePending.set(false);
      this.backgroundUpload.set({ kind: 'idle' });
    } catch (err) {
      this.backgroundUpload.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  /** Scrolls to the brand kit card (a sibling on the page) and moves focus to its heading. */
  protected showBrandKit(): void {
    const el = document.getElementById('tf-brand-kit');
    el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }
}
