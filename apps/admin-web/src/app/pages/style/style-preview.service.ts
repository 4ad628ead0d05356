import { computed, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { Style, StylePreviewDto } from '@teamframe/shared-types';
import { catchError, debounceTime, filter, map, of, switchMap } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { errorDetails } from '../../core/field-errors';
import { StyleApi } from './style-api.service';
import { StyleDraftService } from './style-draft.service';

export type PreviewState =
  | { kind: 'idle' }
  | { kind: 'rendering'; previous: StylePreviewDto | null }
  | { kind: 'loaded'; result: StylePreviewDto }
  /** The draft breaks the schema; the messages sit next to the controls. */
  | { kind: 'invalid'; previous: StylePreviewDto | null }
  | { kind: 'error'; error: DisplayError; previous: StylePreviewDto | null };

const PREVIEW_DEBOUNCE_MS = 400;

/**
 * The draft rendered on a few selfies, again after every pause in editing (provided by StylePage).
 * The preview card shows it; the profile-picture rows crop its first image.
 */
@Injectable()
export class StylePreviewService {
  private readonly api = inject(StyleApi);
  private readonly draft = inject(StyleDraftService);

  readonly state = signal<PreviewState>({ kind: 'idle' });
  /** What to show: the latest render, or the one before while a new one runs or failed. */
  readonly items = computed(() => {
    const p = this.state();
    if (p.kind === 'loaded') return p.result.items;
    if (p.kind === 'idle') return [];
    return p.previous?.items ?? [];
  });
  /** The first rendered preview, cropped in CSS the way the pipeline crops a profile picture. */
  readonly firstImage = computed(() => this.items().find((i) => i.image)?.image ?? null);

  constructor() {
    toObservable(this.draft.doc)
      .pipe(
        filter((d): d is Style => d !== null),
        debounceTime(PREVIEW_DEBOUNCE_MS),
        switchMap((doc) => {
          const items = this.items();
          const previous = items.length ? { items } : null;
          this.state.set({ kind: 'rendering', previous });
          return this.api.preview(doc).pipe(
            map((result): PreviewState => ({ kind: 'loaded', result })),
            catchError((err: unknown) => {
              if (errorDetails(err).length) {
                this.draft.showErrors(err);
                return of<PreviewState>({ kind: 'invalid', previous });
              }
              return of<PreviewState>({ kind: 'error', error: toDisplayError(err), previous });
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        // A good render means the draft is valid; messages from an earlier failed one no longer apply.
        if (state.kind === 'loaded') this.draft.clearAllErrors();
        this.state.set(state);
      });
  }

  /** Renders the same draft again (after a failed render). */
  retry(): void {
    this.draft.update((d) => ({ ...d }));
  }
}
