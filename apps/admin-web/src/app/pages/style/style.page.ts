import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { BrandKitDto } from '@teamframe/shared-types';
import { firstValueFrom, map } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ApplyStyleDialogComponent, type ApplyStyleDialogData } from './apply-style-dialog.component';
import { BackgroundCardComponent } from './background-card.component';
import { BrandApi } from './brand-api.service';
import { BrandKitComponent } from './brand-kit.component';
import { ColourCardComponent } from './colour-card.component';
import { FramingCardComponent } from './framing-card.component';
import { NamingCardComponent } from './naming-card.component';
import { PresetsMenuComponent } from './presets-menu.component';
import { PreviewCardComponent } from './preview-card.component';
import { RenditionsCardComponent } from './renditions-card.component';
import { StyleDraftService } from './style-draft.service';
import { StylePreviewService } from './style-preview.service';
import { VersionsCardComponent } from './versions-card.component';

type LoadState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

/**
 * The company style editor: loads the current version into the draft (StyleDraftService), lays out the
 * cards that edit it and the preview that renders it, and saves it as a new version. Each card is its
 * own component; the brand kit is saved on its own, outside the versions.
 */
@Component({
  selector: 'tf-style-page',
  imports: [
    MatButton,
    MatIcon,
    MatProgressBar,
    ErrorBannerComponent,
    PresetsMenuComponent,
    FramingCardComponent,
    BackgroundCardComponent,
    ColourCardComponent,
    RenditionsCardComponent,
    NamingCardComponent,
    BrandKitComponent,
    PreviewCardComponent,
    VersionsCardComponent,
  ],
  providers: [StyleDraftService, StylePreviewService],
  templateUrl: './style.page.html',
  styleUrl: './style.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StylePage {
  protected readonly draft = inject(StyleDraftService);
  private readonly brandApi = inject(BrandApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);

  protected readonly state = signal<LoadState>({ kind: 'loading' });
  protected readonly loadError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });

  /** The org's logo and colours; the saved colours are offered next to every colour picker. */
  protected readonly brandKit = signal<BrandKitDto | null>(null);
  protected readonly brandKitError = signal<DisplayError | null>(null);
  protected readonly brandColours = computed(() => this.brandKit()?.colours ?? []);
  /** On a phone the note under the save bar's buttons is left to screen readers while there is nothing to save. */
  protected readonly narrow = toSignal(inject(BreakpointObserver).observe('(max-width: 599.98px)').pipe(map((r) => r.matches)), { initialValue: false });

  constructor() {
    // The preview renders every draft from the first one on, whichever card is on screen.
    inject(StylePreviewService);
    void this.load();
    void this.loadBrandKit();
  }

  protected async loadBrandKit(): Promise<void> {
    this.brandKitError.set(null);
    try {
      this.brandKit.set(await firstValueFrom(this.brandApi.kit()));
    } catch (err) {
      this.brandKitError.set(toDisplayError(err));
    }
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      await this.draft.load();
      this.state.set({ kind: 'loaded' });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async save(): Promise<void> {
    const saved = await this.draft.save();
    if (saved) this.snackBar.open(`Saved as version ${saved.version}. New batches use it.`, 'OK', { duration: 5000 });
  }

  protected openApply(): void {
    const current = this.draft.currentVersion();
    if (!current || this.draft.dirty()) return;
    this.dialog.open<ApplyStyleDialogComponent, ApplyStyleDialogData>(ApplyStyleDialogComponent, {
      width: '520px',
      maxWidth: '95vw',
      data: { version: current.version },
    });
  }
}
