import { computed, inject, Injectable, signal } from '@angular/core';
import type { Style, StyleVersionDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { errorDetails } from '../../core/field-errors';
import { StyleApi } from './style-api.service';
import { isEditableStyle, sentencesUnder, setIn, stylePath } from './style-draft';

/** The style sections that show their own messages; anything else is listed above the editor. */
const PLACED_SECTIONS = ['name', 'canvas', 'framing', 'background', 'colour', 'retouch', 'renditions', 'naming'];

/** Whether `a` is `b`, lies under it, or `b` lies under `a` ("background" and "background.colour"). */
function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * The style being edited, for one visit to the style page (provided by StylePage): the draft, where
 * it started, the server's messages about it, and the saved versions it is saved as. Every card of the
 * editor reads and changes the draft here and nowhere else; the rules for a change are in style-draft.ts.
 */
@Injectable()
export class StyleDraftService {
  private readonly api = inject(StyleApi);

  private readonly document = signal<Style | null>(null);
  /** The draft document the editor shows; every change re-renders the preview after a pause. */
  readonly doc = this.document.asReadonly();
  /** The document the draft started from, to tell whether there is anything to save. */
  private readonly base = signal<string>('');
  /** Where the draft came from, for the heading ("version 4", "the Brand gradient preset"). */
  readonly origin = signal<string>('');
  readonly dirty = computed(() => {
    const d = this.doc();
    return !!d && JSON.stringify(d) !== this.base();
  });
  /** Counts the times the draft started over (a version, a preset); cards drop what they kept of the old one. */
  readonly starts = signal(0);

  /** Server messages by style path ("background.colour"); an edit clears the ones under it. */
  readonly errors = signal<ReadonlyMap<string, string>>(new Map());
  readonly unplacedErrors = computed(() =>
    [...this.errors()].filter(([p]) => !PLACED_SECTIONS.some((k) => p === k || p.startsWith(`${k}.`))).map(([p, m]) => `${p === '(style)' ? 'The style' : p} ${m}.`),
  );

  /** Newest first; the one with `current` is what new batches use. */
  readonly versions = signal<StyleVersionDto[]>([]);
  readonly currentVersion = computed(() => this.versions().find((v) => v.current) ?? null);

  readonly saving = signal(false);
  readonly saveError = signal<DisplayError | null>(null);

  /** Reads the versions and starts the draft from the current one; throws what the page shows. */
  async load(): Promise<void> {
    const versions = await firstValueFrom(this.api.versions());
    this.versions.set(versions);
    const current = versions.find((v) => v.current) ?? versions[0];
    if (!current || !isEditableStyle(current.document)) {
      throw { status: 500, error: { error: { code: 'STYLE_UNREADABLE', message: 'The current style could not be read. Contact support.' } } };
    }
    this.startFrom(current.document, `version ${current.version}`, true);
  }

  /** Starts the draft over from `doc`; `saved` when it is a saved version (then there is nothing to save). */
  startFrom(doc: Style, origin: string, saved: boolean): void {
    const copy = structuredClone(doc);
    this.document.set(copy);
    if (saved) this.base.set(JSON.stringify(copy));
    this.origin.set(origin);
    this.errors.set(new Map());
    this.saveError.set(null);
    this.starts.update((n) => n + 1);
  }

  /** Back to the current version. */
  discard(): void {
    const current = this.currentVersion();
    if (current && isEditableStyle(current.document)) this.startFrom(current.document, `version ${current.version}`, true);
  }

  /** Sets one field of the draft by its style path and clears the messages under it. */
  set(path: string, value: unknown): void {
    const d = this.doc();
    if (!d) return;
    this.document.set(setIn(d, path, value));
    this.clearErrors(path);
  }

  /** Replaces the draft with `edit` of it; when that changed it, clears the messages under `clears` (a style path). */
  update(edit: (d: Style) => Style, clears?: string): void {
    const d = this.doc();
    if (!d) return;
    const next = edit(d);
    if (next === d) return;
    this.document.set(next);
    if (clears) this.clearErrors(clears);
  }

  /** The messages for a style path and everything under it, as one sentence. */
  err(path: string): string | null {
    const msgs = sentencesUnder(this.errors(), path);
    return msgs.length ? `${msgs.join('. ')}.` : null;
  }

  /** Saves the draft as a new version; null when it was not saved (saveError says why). */
  async save(): Promise<StyleVersionDto | null> {
    const d = this.doc();
    if (!d || this.saving()) return null;
    this.saving.set(true);
    this.saveError.set(null);
    try {
      const saved = await firstValueFrom(this.api.save(d));
      this.base.set(JSON.stringify(d));
      this.origin.set(`version ${saved.version}`);
      this.errors.set(new Map());
      await this.refreshVersions();
      return saved;
    } catch (err) {
      this.showErrors(err);
      const details = errorDetails(err);
      const shown = toDisplayError(err);
      this.saveError.set(details.length ? { ...shown, message: 'The style was not saved: fix the settings marked in red.' } : shown);
      return null;
    } finally {
      this.saving.set(false);
    }
  }

  /** Restores an older version as a new one and starts the draft from it; throws when the API refuses. */
  async restore(version: number): Promise<StyleVersionDto> {
    const restored = await firstValueFrom(this.api.restore(version));
    if (isEditableStyle(restored.document)) this.startFrom(restored.document, `version ${restored.version}`, true);
    return restored;
  }

  /** Puts the server's field messages next to their controls. */
  showErrors(err: unknown): void {
    const map = new Map<string, string>();
    for (const d of errorDetails(err)) {
      const path = stylePath(d.path);
      map.set(path, map.has(path) ? `${map.get(path)}; ${d.message}` : d.message);
    }
    this.errors.set(map);
  }

  clearErrors(path: string): void {
    const errors = this.errors();
    if (![...errors.keys()].some((p) => related(p, path))) return;
    this.errors.set(new Map([...errors].filter(([p]) => !related(p, path))));
  }

  clearAllErrors(): void {
    if (this.errors().size) this.errors.set(new Map());
  }

  async refreshVersions(): Promise<void> {
    try {
      this.versions.set(await firstValueFrom(this.api.versions()));
    } catch {
      // The list is secondary; the next visit shows it. The save itself succeeded.
    }
  }
}
