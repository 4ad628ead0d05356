import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioChange, MatRadioGroup } from '@angular/material/radio';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { BatchProgressDto, ProcessingMode } from '@teamframe/shared-types';
import { distinctUntilChanged, firstValueFrom, map, skip, type Subscription } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { LiveActivityService } from '../../core/live-activity.service';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { countChips, etaText, finishedCount, finishedPercent, upsertBatch } from './batch-progress';
import { OrganisationApi } from '../organisation/organisation-api.service';
import { BatchesApi } from './batches-api.service';

type ListState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

/** A batch as the page shows it: the numbers worked out once per update. */
interface BatchView {
  batch: BatchProgressDto;
  finished: number;
  percent: number;
  eta: string;
  chips: ReturnType<typeof countChips>;
  live: boolean;
  styleVersion: number | null;
}

const MODE_TEXT: Record<ProcessingMode, { label: string; sentence: string }> = {
  on_arrival: {
    label: 'Process each selfie as it arrives',
    sentence: 'Every good selfie is turned into a headshot right away with the current style, and is in review within minutes.',
  },
  batch: {
    label: 'Collect selfies, then start a batch',
    sentence: 'Selfies wait until you press "Start batch". Useful when you want to finish the style first, or process everyone at once.',
  },
};

@Component({
  selector: 'tf-batches-page',
  imports: [
    DatePipe,
    RouterLink,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatButton,
    MatIcon,
    MatProgressBar,
    MatRadioGroup,
    MatRadioButton,
    ErrorBannerComponent,
  ],
  templateUrl: './batches.page.html',
  styleUrl: './batches.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchesPage {
  private readonly api = inject(BatchesApi);
  private readonly organisation = inject(OrganisationApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly liveActivity = inject(LiveActivityService);
  /** Selfies collected in batch mode and not yet in a batch, pushed live; null until the first number. */
  protected readonly waiting = toSignal(this.liveActivity.activity$.pipe(map((a) => a.waitingForBatch)), { initialValue: null });

  protected readonly modes = Object.keys(MODE_TEXT) as ProcessingMode[];
  protected readonly modeText = MODE_TEXT;

  protected readonly mode = signal<ProcessingMode | null>(null);
  protected readonly modeState = signal<ListState>({ kind: 'loading' });
  protected readonly modeError = computed(() => {
    const s = this.modeState();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly modeSaving = signal(false);

  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly listError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly batches = signal<BatchProgressDto[]>([]);
  private readonly live = signal<ReadonlySet<string>>(new Set());
  /** Style version numbers by id, so a batch can say which version it is pinned to. */
  private readonly styleVersions = signal<ReadonlyMap<string, number>>(new Map());

  protected readonly starting = signal(false);
  /** "Nobody is waiting" and similar: information, not a failure. */
  protected readonly startInfo = signal<string | null>(null);
  protected readonly startError = signal<DisplayError | null>(null);
  protected readonly retrying = signal<ReadonlySet<string>>(new Set());

  protected readonly views = computed<BatchView[]>(() => {
    const live = this.live();
    const versions = this.styleVersions();
    return this.batches().map((b) => ({
      batch: b,
      finished: finishedCount(b),
      percent: finishedPercent(b),
      eta: etaText(b.etaSeconds, b.done),
      chips: countChips(b),
      live: live.has(b.id),
      styleVersion: versions.get(b.styleVersionId) ?? null,
    }));
  });

  /** One server-sent event stream per batch that is still running. */
  private readonly streams = new Map<string, Subscription>();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const s of this.streams.values()) s.unsubscribe();
      this.streams.clear();
    });
    void this.loadMode();
    void this.load();
    void this.loadStyleVersions();
    // A batch started in another tab (or by the hourly campaign run) shows up without a reload.
    this.liveActivity.activity$
      .pipe(
        map((a) => a.waitingForBatch + a.processing),
        distinctUntilChanged(),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => void this.refresh());
  }

  /** Reads the list again without the loading state, so a live update does not flicker. */
  private async refresh(): Promise<void> {
    if (this.state().kind !== 'loaded') return;
    try {
      this.batches.set(await firstValueFrom(this.api.list()));
      this.follow();
    } catch {
      // The next change tries again; the list on screen stays as it was.
    }
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      const list = await firstValueFrom(this.api.list());
      this.batches.set(list);
      this.state.set({ kind: 'loaded' });
      this.follow();
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async loadMode(): Promise<void> {
    this.modeState.set({ kind: 'loading' });
    try {
      const s = await firstValueFrom(this.organisation.general());
      this.mode.set(s.processingMode);
      this.modeState.set({ kind: 'loaded' });
    } catch (err) {
      this.modeState.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async changeMode(event: MatRadioChange): Promise<void> {
    const next = event.value as ProcessingMode;
    const previous = this.mode();
    this.mode.set(next);
    this.modeSaving.set(true);
    try {
      const s = await firstValueFrom(this.organisation.saveGeneral({ processingMode: next }));
      this.mode.set(s.processingMode);
      this.snackBar.open(next === 'batch' ? 'New selfies now wait for a batch.' : 'New selfies are now processed as they arrive.', 'OK', { duration: 4000 });
    } catch (err) {
      this.mode.set(previous);
      this.snackBar.open(`The processing mode was not changed: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.modeSaving.set(false);
    }
  }

  protected async start(): Promise<void> {
    if (this.starting()) return;
    this.starting.set(true);
    this.startInfo.set(null);
    this.startError.set(null);
    try {
      const batch = await firstValueFrom(this.api.start());
      this.batches.update((list) => upsertBatch(list, batch));
      this.snackBar.open(`Batch started: ${batch.total} ${batch.total === 1 ? 'selfie' : 'selfies'}.`, 'OK', { duration: 4000 });
      this.follow();
    } catch (err) {
      const e = toDisplayError(err);
      if (e.status === 409) this.startInfo.set(e.message);
      else this.startError.set(e);
    } finally {
      this.starting.set(false);
    }
  }

  protected async retry(batch: BatchProgressDto, failure: BatchProgressDto['failures'][number]): Promise<void> {
    this.retrying.update((s) => new Set(s).add(failure.headshotId));
    try {
      await firstValueFrom(this.api.retry(failure.headshotId));
      this.snackBar.open(`Retrying ${failure.name}'s headshot.`, 'OK', { duration: 4000 });
      // The batch is running again: take its fresh numbers and listen for the rest.
      const list = await firstValueFrom(this.api.list());
      this.batches.set(list);
      this.follow(batch.id);
    } catch (err) {
      this.snackBar.open(`Could not retry: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.retrying.update((s) => {
        const next = new Set(s);
        next.delete(failure.headshotId);
        return next;
      });
    }
  }

  protected isRetrying(headshotId: string): boolean {
    return this.retrying().has(headshotId);
  }

  /** Opens a live stream for every running batch that has none yet (or for `force`, even when it looked done). */
  private follow(force?: string): void {
    for (const b of this.batches()) {
      if ((b.done && b.id !== force) || this.streams.has(b.id)) continue;
      const sub = this.api.events(b.id).subscribe({
        next: (p) => this.batches.update((list) => upsertBatch(list, p)),
        error: () => this.stopFollowing(b.id),
        complete: () => this.stopFollowing(b.id),
      });
      if (!sub.closed) {
        this.streams.set(b.id, sub);
        this.live.update((s) => new Set(s).add(b.id));
      }
    }
  }

  private stopFollowing(id: string): void {
    this.streams.get(id)?.unsubscribe();
    this.streams.delete(id);
    this.live.update((s) => {
      const next = new Set(s);
      next.delete(id);
      return next;
    });
  }

  private async loadStyleVersions(): Promise<void> {
    try {
      const versions = await firstValueFrom(this.api.styleVersions());
      this.styleVersions.set(new Map(versions.map((v) => [v.id, v.version])));
    } catch {
      // Only used to label batches with a version number; the page works without it.
    }
  }
}
