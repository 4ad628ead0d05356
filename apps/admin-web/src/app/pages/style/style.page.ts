import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe, DecimalPipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSlider, MatSliderThumb } from '@angular/material/slider';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltip } from '@angular/material/tooltip';
import type { Background, BrandKitDto, ColourSpace, ProfilePicture, ProfileShape, Rendition, Style, StyleChange, StylePresetDto, StylePreviewDto, StyleVersionDto } from '@teamframe/shared-types';
import { catchError, debounceTime, filter, firstValueFrom, map, of, switchMap } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { errorDetails } from '../../core/field-errors';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ApplyStyleDialogComponent, type ApplyStyleDialogData } from './apply-style-dialog.component';
import { BrandApi } from './brand-api.service';
import { BrandColourChoicesComponent } from './brand-colour-choices.component';
import { BrandKitComponent } from './brand-kit.component';
import { newProfileRendition, PROFILE_LIMITS, profilePreviewBox, withProfile, withProfileFormat, withRing, withShape, withSide } from './profile-draft';
import { StyleApi } from './style-api.service';
import {
  ASPECT_LABELS,
  ASPECTS,
  brandBackgroundUrl,
  brandImageProblem,
  FORMATS,
  COLOUR_SPACE_LABELS,
  withColourSpace,
  nameAfterPreset,
  presetThumb,
  formatValue,
  isEditableStyle,
  LIMITS,
  framingTolerance,
  namingExample,
  namingProblem,
  NAMING_TOKENS,
  newRendition,
  pathLabel,
  renditionSizeText,
  sentencesUnder,
  setIn,
  stylePath,
  switchBackground,
} from './style-draft';

type LoadState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

type PreviewState =
  | { kind: 'idle' }
  | { kind: 'rendering'; previous: StylePreviewDto | null }
  | { kind: 'loaded'; result: StylePreviewDto }
  /** The draft breaks the schema; the messages sit next to the controls. */
  | { kind: 'invalid'; previous: StylePreviewDto | null }
  | { kind: 'error'; error: DisplayError; previous: StylePreviewDto | null };

interface Comparison {
  version: number;
  current: number;
  state: { kind: 'loading' } | { kind: 'loaded'; changes: StyleChange[] } | { kind: 'error'; error: DisplayError };
}

const PREVIEW_DEBOUNCE_MS = 400;
const MAX_RENDITIONS = 12;
/** Side in px of the small profile-picture preview next to its settings. */
const PROFILE_PREVIEW_PX = 112;

@Component({
  selector: 'tf-style-page',
  imports: [
    FormsModule,
    DatePipe,
    DecimalPipe,
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
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatProgressBar,
    MatTooltip,
    ErrorBannerComponent,
    BrandKitComponent,
    BrandColourChoicesComponent,
  ],
  templateUrl: './style.page.html',
  styleUrl: './style.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StylePage {
  private readonly api = inject(StyleApi);
  private readonly brandApi = inject(BrandApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);

  protected readonly aspects = ASPECTS;
  protected readonly aspectLabels = ASPECT_LABELS;
  protected readonly formats = FORMATS;
  protected readonly colourSpaces: readonly ColourSpace[] = ['srgb', 'cmyk'];
  protected readonly colourSpaceLabels = COLOUR_SPACE_LABELS;
  protected readonly limits = LIMITS;
  protected readonly tolerance = framingTolerance;
  protected readonly tokens = NAMING_TOKENS.map((t) => `{${t}}`).join(' ');
  protected readonly maxRenditions = MAX_RENDITIONS;
  protected readonly profileLimits = PROFILE_LIMITS;
  protected readonly profilePreviewPx = PROFILE_PREVIEW_PX;
  protected readonly renditionSizeText = renditionSizeText;
  protected readonly formatValue = formatValue;
  protected readonly pathLabel = pathLabel;

  protected readonly state = signal<LoadState>({ kind: 'loading' });
  protected readonly loadError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly versions = signal<StyleVersionDto[]>([]);
  protected readonly presets = signal<StylePresetDto[]>([]);
  protected readonly presetThumbs = computed(() => new Map(this.presets().flatMap((p) => (isEditableStyle(p.document) ? [[p.id, presetThumb(p.document)] as const] : []))));
  protected readonly presetsError = signal<DisplayError | null>(null);
  protected readonly currentVersion = computed(() => this.versions().find((v) => v.current) ?? null);

  /** What the editor shows; every change re-renders the preview after a pause. */
  protected readonly draft = signal<Style | null>(null);
  /** The document the draft started from, to tell whether there is anything to save. */
  private readonly base = signal<string>('');
  /** Where the draft came from, for the heading ("version 4", "preset Brand gradient"). */
  protected readonly origin = signal<string>('');
  protected readonly dirty = computed(() => {
    const d = this.draft();
    return !!d && JSON.stringify(d) !== this.base();
  });

  /** Server messages by style path ("background.colour"); an edit clears the ones under it. */
  protected readonly errors = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly unplacedErrors = computed(() => {
    const placed = ['name', 'canvas', 'framing', 'background', 'colour', 'retouch', 'renditions', 'naming'];
    return [...this.errors()].filter(([p]) => !placed.some((k) => p === k || p.startsWith(`${k}.`))).map(([p, m]) => `${p === '(style)' ? 'The style' : p} ${m}.`);
  });

  protected readonly preview = signal<PreviewState>({ kind: 'idle' });
  protected readonly previewItems = computed(() => {
    const p = this.preview();
    if (p.kind === 'loaded') return p.result.items;
    if (p.kind === 'idle') return [];
    return p.previous?.items ?? [];
  });
  protected readonly showGuides = signal(true);
  /** The first rendered preview, cropped in CSS the way the pipeline crops a profile picture. */
  protected readonly profilePreviewImage = computed(() => this.previewItems().find((i) => i.image)?.image ?? null);

  protected readonly saving = signal(false);
  protected readonly saveError = signal<DisplayError | null>(null);
  protected readonly restoring = signal<number | null>(null);
  protected readonly comparison = signal<Comparison | null>(null);

  /** The org's logo and colours; the saved colours are offered next to every colour picker. */
  protected readonly brandKit = signal<BrandKitDto | null>(null);
  protected readonly brandKitError = signal<DisplayError | null>(null);
  protected readonly brandColours = computed(() => this.brandKit()?.colours ?? []);
  /** Four background types do not fit side by side on a phone; there they stack. */
  protected readonly narrow = toSignal(inject(BreakpointObserver).observe('(max-width: 599.98px)').pipe(map((r) => r.matches)), { initialValue: false });

  /** "Brand image" picked in the toggle while the draft has no image yet: the upload shows, the draft keeps its background. */
  protected readonly imagePending = signal(false);
  protected readonly backgroundChoice = computed(() => (this.imagePending() ? 'image' : (this.draft()?.background.type ?? 'solid')));
  /** The last brand image used in this visit, so switching away and back brings it back. */
  private readonly lastImage = signal<{ ref: string; blur: number } | null>(null);
  protected readonly backgroundUpload = signal<{ kind: 'idle' } | { kind: 'uploading' } | { kind: 'error'; error: DisplayError }>({ kind: 'idle' });
  protected readonly backgroundUploadError = computed(() => {
    const s = this.backgroundUpload();
    return s.kind === 'error' ? s.error : null;
  });
  /** The thumbnail of the draft's brand image, through the API (same origin, the session cookie goes along). */
  protected readonly imageThumb = computed(() => {
    const bg = this.draft()?.background;
    return bg?.type === 'image' ? brandBackgroundUrl(bg.ref) : null;
  });
  protected readonly namingHint = computed(() => {
    const d = this.draft();
    if (!d) return null;
    const problem = namingProblem(d.naming);
    return problem ? { problem, examples: [] as string[] } : { problem: null, examples: d.renditions.slice(0, 3).map((r) => namingExample(d.naming, r)) };
  });
  protected readonly guides = computed(() => {
    const d = this.draft();
    if (!d) return null;
    const eye = d.framing.eyeLine;
    const fh = d.framing.faceHeight;
    // The pipeline places the eyes about 45% of the face height below the top of the forehead.
    return { eye: eye * 100, top: Math.max(0, eye - fh * 0.45) * 100, chin: Math.min(1, eye + fh * 0.55) * 100 };
  });
  protected readonly aspectRatio = computed(() => {
    const a = this.draft()?.canvas.aspect ?? '1:1';
    const [w, h] = a.split(':').map(Number);
    return `${w} / ${h}`;
  });

  constructor() {
    toObservable(this.draft)
      .pipe(
        filter((d): d is Style => d !== null),
        debounceTime(PREVIEW_DEBOUNCE_MS),
        switchMap((doc) => {
          const previous = this.previewItemsResult();
          this.preview.set({ kind: 'rendering', previous });
          return this.api.preview(doc).pipe(
            map((result): PreviewState => ({ kind: 'loaded', result })),
            catchError((err: unknown) => {
              const details = errorDetails(err);
              if (details.length) {
                this.showErrors(err);
                return of<PreviewState>({ kind: 'invalid', previous });
              }
              return of<PreviewState>({ kind: 'error', error: toDisplayError(err), previous });
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        if (state.kind === 'loaded') this.clearPreviewErrors();
        this.preview.set(state);
      });
    void this.load();
    void this.loadPresets();
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
      const versions = await firstValueFrom(this.api.versions());
      this.versions.set(versions);
      const current = versions.find((v) => v.current) ?? versions[0];
      if (!current || !isEditableStyle(current.document)) {
        throw { status: 500, error: { error: { code: 'STYLE_UNREADABLE', message: 'The current style could not be read. Contact support.' } } };
      }
      this.startFrom(current.document, `version ${current.version}`, true);
      this.state.set({ kind: 'loaded' });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async loadPresets(): Promise<void> {
    this.presetsError.set(null);
    try {
      this.presets.set(await firstValueFrom(this.api.presets()));
    } catch (err) {
      this.presetsError.set(toDisplayError(err));
    }
  }

  protected usePreset(preset: StylePresetDto): void {
    if (!isEditableStyle(preset.document)) return;
    // The style takes the preset's name, so it says what it looks like; a name the org gave it stays.
    const name = nameAfterPreset(this.draft()?.name, preset.document.name, this.presets().map((p) => p.name));
    this.startFrom({ ...preset.document, name }, `the ${preset.name} preset`, false);
    this.snackBar.open(`Started from the ${preset.name} preset. Save to use it.`, 'OK', { duration: 4000 });
  }

  protected discard(): void {
    const current = this.currentVersion();
    if (current && isEditableStyle(current.document)) this.startFrom(current.document, `version ${current.version}`, true);
  }

  /** Sets one field of the draft by its style path and clears the messages under it. */
  protected set(path: string, value: unknown): void {
    const d = this.draft();
    if (!d) return;
    this.draft.set(setIn(d, path, value));
    this.clearErrors(path);
  }

  protected setBackgroundType(type: Background['type']): void {
    const d = this.draft();
    if (!d) return;
    this.backgroundUpload.set({ kind: 'idle' });
    if (type === 'image') {
      if (d.background.type === 'image') return this.imagePending.set(false);
      const last = this.lastImage();
      if (last) {
        this.draft.set({ ...d, background: { type: 'image', ...last } });
        this.clearErrors('background');
      } else {
        // Nothing to show yet: the upload appears, the draft keeps its background until an image arrives.
        this.imagePending.set(true);
      }
      return;
    }
    this.imagePending.set(false);
    if (d.background.type === 'image') this.lastImage.set({ ref: d.background.ref, blur: d.background.blur });
    this.draft.set({ ...d, background: switchBackground(d.background, type) });
    this.clearErrors('background');
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
      const d = this.draft();
      if (!d) return;
      const blur = d.background.type === 'image' ? d.background.blur : 0;
      this.draft.set({ ...d, background: { type: 'image', ref: stored.ref, blur } });
      this.lastImage.set({ ref: stored.ref, blur });
      this.imagePending.set(false);
      this.clearErrors('background');
      this.backgroundUpload.set({ kind: 'idle' });
    } catch (err) {
      this.backgroundUpload.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected showBrandKit(): void {
    const el = document.getElementById('tf-brand-kit');
    el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }

  protected openApply(): void {
    const current = this.currentVersion();
    if (!current || this.dirty()) return;
    this.dialog.open<ApplyStyleDialogComponent, ApplyStyleDialogData>(ApplyStyleDialogComponent, {
      width: '520px',
      maxWidth: '95vw',
      data: { version: current.version },
    });
  }

  /** A document saved before print renditions existed has no colour space: it is sRGB. */
  protected colourSpaceOf(r: Rendition): ColourSpace {
    return (r as Partial<Rendition>).colourSpace ?? 'srgb';
  }

  protected setColourSpace(index: number, colourSpace: ColourSpace): void {
    const d = this.draft();
    if (!d) return;
    this.set(`renditions.${index}`, withColourSpace(d.renditions[index], colourSpace));
  }

  protected setFormat(index: number, format: Rendition['format']): void {
    const d = this.draft();
    if (!d) return;
    // A cut-out or a round picture only exists in PNG and WebP; switching away turns them off rather than failing to save.
    this.set(`renditions.${index}`, withProfileFormat(d.renditions[index], format));
  }

  protected addProfilePicture(): void {
    const d = this.draft();
    if (!d || d.renditions.length >= MAX_RENDITIONS) return;
    this.draft.set({ ...d, renditions: [...d.renditions, newProfileRendition(d.renditions, this.brandColours())] });
  }

  /** Applies one of the profile-picture edits (profile-draft.ts) to a row. */
  protected editProfile(index: number, edit: (r: Rendition) => Rendition): void {
    const d = this.draft();
    if (!d) return;
    this.set(`renditions.${index}`, edit(d.renditions[index]));
  }

  protected setProfileOn(index: number, on: boolean): void {
    this.editProfile(index, (r) => withProfile(r, on));
  }

  protected setShape(index: number, shape: ProfileShape): void {
    this.editProfile(index, (r) => withShape(r, shape));
  }

  protected setRing(index: number, on: boolean): void {
    this.editProfile(index, (r) => withRing(r, on, on && !r.profile?.ring ? (this.brandColours()[0] ?? null) : null));
  }

  protected setSide(index: number, side: number): void {
    this.editProfile(index, (r) => withSide(r, side));
  }

  protected profileBox(profile: ProfilePicture) {
    const d = this.draft();
    return d ? profilePreviewBox(d, profile, PROFILE_PREVIEW_PX) : null;
  }

  /** Between "long edge" (size) and an exact width × height box; the schema takes one or the other. */
  protected setSizing(index: number, mode: 'size' | 'box'): void {
    const d = this.draft();
    if (!d) return;
    const { width, height, size, ...rest } = d.renditions[index];
    const edge = size ?? (Math.max(width ?? 0, height ?? 0) || 800);
    const next: Rendition = mode === 'size' ? { ...rest, size: edge } : { ...rest, width: width ?? edge, height: height ?? edge };
    this.set(`renditions.${index}`, next);
  }

  protected addRendition(): void {
    const d = this.draft();
    if (!d || d.renditions.length >= MAX_RENDITIONS) return;
    this.draft.set({ ...d, renditions: [...d.renditions, newRendition(d.renditions)] });
  }

  protected removeRendition(index: number): void {
    const d = this.draft();
    if (!d || d.renditions.length <= 1) return;
    this.draft.set({ ...d, renditions: d.renditions.filter((_, i) => i !== index) });
    // Row numbers shift, so the old messages would point at the wrong rows.
    this.clearErrors('renditions');
  }

  /** The messages for a style path and everything under it, as one sentence. */
  protected err(path: string): string | null {
    const msgs = sentencesUnder(this.errors(), path);
    return msgs.length ? `${msgs.join('. ')}.` : null;
  }

  protected async save(): Promise<void> {
    const d = this.draft();
    if (!d || this.saving()) return;
    this.saving.set(true);
    this.saveError.set(null);
    try {
      const saved = await firstValueFrom(this.api.save(d));
      this.snackBar.open(`Saved as version ${saved.version}. New batches use it.`, 'OK', { duration: 5000 });
      this.base.set(JSON.stringify(d));
      this.origin.set(`version ${saved.version}`);
      this.errors.set(new Map());
      await this.refreshVersions();
    } catch (err) {
      this.showErrors(err);
      const details = errorDetails(err);
      const shown = toDisplayError(err);
      this.saveError.set(details.length ? { ...shown, message: 'The style was not saved: fix the settings marked in red.' } : shown);
    } finally {
      this.saving.set(false);
    }
  }

  protected async compare(version: StyleVersionDto): Promise<void> {
    const current = this.currentVersion();
    if (!current) return;
    this.comparison.set({ version: version.version, current: current.version, state: { kind: 'loading' } });
    try {
      const changes = await firstValueFrom(this.api.diff(version.version, current.version));
      this.comparison.set({ version: version.version, current: current.version, state: { kind: 'loaded', changes } });
    } catch (err) {
      this.comparison.set({ version: version.version, current: current.version, state: { kind: 'error', error: toDisplayError(err) } });
    }
  }

  protected async restore(version: StyleVersionDto): Promise<void> {
    if (this.dirty()) {
      const ok = await firstValueFrom(
        this.dialog
          .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
            width: '440px',
            maxWidth: '95vw',
            data: {
              title: `Restore version ${version.version}?`,
              message: 'Your unsaved changes are discarded. The restored style becomes the current one as a new version.',
              confirmLabel: `Restore version ${version.version}`,
            },
          })
          .afterClosed(),
      );
      if (!ok) return;
    }
    this.restoring.set(version.version);
    try {
      const restored = await firstValueFrom(this.api.restore(version.version));
      this.snackBar.open(`Version ${version.version} restored as version ${restored.version}.`, 'OK', { duration: 5000 });
      if (isEditableStyle(restored.document)) this.startFrom(restored.document, `version ${restored.version}`, true);
      this.comparison.set(null);
      await this.refreshVersions();
    } catch (err) {
      this.snackBar.open(`Could not restore: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.restoring.set(null);
    }
  }

  protected retryPreview(): void {
    const d = this.draft();
    if (d) this.draft.set({ ...d });
  }

  private async refreshVersions(): Promise<void> {
    try {
      this.versions.set(await firstValueFrom(this.api.versions()));
    } catch {
      // The list is secondary; the next visit shows it. The save itself succeeded.
    }
  }

  private startFrom(doc: Style, origin: string, saved: boolean): void {
    const copy = structuredClone(doc);
    this.imagePending.set(false);
    this.backgroundUpload.set({ kind: 'idle' });
    if (copy.background.type === 'image') this.lastImage.set({ ref: copy.background.ref, blur: copy.background.blur });
    this.draft.set(copy);
    if (saved) this.base.set(JSON.stringify(copy));
    this.origin.set(origin);
    this.errors.set(new Map());
    this.saveError.set(null);
  }

  private previewItemsResult(): StylePreviewDto | null {
    const items = this.previewItems();
    return items.length ? { items } : null;
  }

  private showErrors(err: unknown): void {
    const map = new Map<string, string>();
    for (const d of errorDetails(err)) {
      const path = stylePath(d.path);
      map.set(path, map.has(path) ? `${map.get(path)}; ${d.message}` : d.message);
    }
    this.errors.set(map);
  }

  private clearErrors(path: string): void {
    const errors = this.errors();
    if (![...errors.keys()].some((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`))) return;
    this.errors.set(new Map([...errors].filter(([p]) => !(p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`)))));
  }

  /** A good render means the draft is valid; messages from an earlier failed one no longer apply. */
  private clearPreviewErrors(): void {
    if (this.errors().size) this.errors.set(new Map());
  }
}
