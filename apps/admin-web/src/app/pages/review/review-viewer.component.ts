import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  type Signal,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialog, MatDialogRef } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { HeadshotResultDto, ReviewDecisionDto, ReviewItemDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError } from '../../core/api-error';
import { RegenerateDialogComponent } from './regenerate-dialog.component';
import { ReviewApi } from './review-api.service';
import { SignedUrlCache } from './review-image.component';
import { syncedScroll, viewerCommand } from './viewer-keys';

/** How often the viewer looks for a result that is still rendering. */
const RESULT_POLL_MS = 3_000;

export interface ReviewViewerData {
  /** The page's cards; the viewer follows them as decisions take cards away. */
  items: Signal<ReviewItemDto[]>;
  /** The person the viewer opens on (their card's headshot). */
  start: ReviewItemDto;
  decidable: boolean;
  regenerable: boolean;
  /** Approves this result of the person; resolves true when it was approved (the card is gone). */
  approve(item: ReviewItemDto, headshotId: string): Promise<boolean>;
  /** Opens the reject dialog; resolves true when the person was rejected. */
  reject(item: ReviewItemDto): Promise<boolean>;
}

type Zoom = 'fit' | 'actual';

/**
 * The full-size review viewer: the selfie and the headshot side by side (stacked on a phone), fitted
 * or at 100 % with their panning kept in step, every result of the person to choose from, and the
 * decisions of the grid. Keys: ←/→ or J/K person, Z zoom, A approve, R reject, G regenerate.
 */
@Component({
  selector: 'tf-review-viewer',
  imports: [MatButton, MatIconButton, MatButtonToggleGroup, MatButtonToggle, MatIcon, MatProgressBar],
  templateUrl: './review-viewer.component.html',
  styleUrl: './review-viewer.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewViewerComponent {
  protected readonly data = inject<ReviewViewerData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ReviewViewerComponent>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  private readonly api = inject(ReviewApi);
  private readonly urls = inject(SignedUrlCache);

  /**
   * The viewer follows a person, not a card: a live refresh may swap their card for a newer result,
   * or drop it while a regeneration renders, and the viewer stays on them all the same.
   */
  protected readonly personId = signal(this.data.start.employeeId);
  private readonly lastSeen = signal<{ item: ReviewItemDto; index: number }>({ item: this.data.start, index: 0 });
  private readonly listed = computed(() => {
    const index = this.data.items().findIndex((i) => i.employeeId === this.personId());
    return index >= 0 ? { item: this.data.items()[index], index } : null;
  });
  protected readonly index = computed(() => this.listed()?.index ?? this.lastSeen().index);
  protected readonly item = computed<ReviewItemDto | null>(() => {
    const seen = this.lastSeen().item;
    return this.listed()?.item ?? (seen.employeeId === this.personId() ? seen : null);
  });
  protected readonly count = computed(() => this.data.items().length);
  protected readonly name = computed(() => {
    const i = this.item();
    return i ? `${i.firstName} ${i.lastName}`.trim() : '';
  });

  protected readonly results = signal<HeadshotResultDto[]>([]);
  /** The result shown on the right, and the one Approve approves. */
  protected readonly shownId = signal(this.data.start.headshotId);
  protected readonly shown = computed(() => this.results().find((r) => r.headshotId === this.shownId()) ?? null);
  protected readonly shownNumber = computed(() => this.shown()?.result ?? null);
  protected readonly rendering = computed(() => this.results().some((r) => r.state === 'queued' || r.state === 'processing'));
  protected readonly canApprove = computed(() => this.data.decidable && (this.shown()?.state ?? this.item()?.state) === 'in_review');

  protected readonly zoom = signal<Zoom>('fit');
  protected readonly beforeUrl = signal<string | null>(null);
  protected readonly afterUrl = signal<string | null>(null);
  protected readonly imageError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');

  private readonly before = viewChild<ElementRef<HTMLElement>>('before');
  private readonly after = viewChild<ElementRef<HTMLElement>>('after');
  private syncing = false;
  private drag: { x: number; y: number; pane: HTMLElement } | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;

  constructor() {
    effect(() => {
      const listed = this.listed();
      if (listed) untracked(() => this.lastSeen.set(listed));
    });
    // The person changed: their results, from the first one made to the newest.
    effect(() => {
      const person = this.personId();
      // Only the person matters here: a list refresh that keeps them must not reset HR's choice.
      untracked(() => {
        const item = this.item();
        if (!item || item.employeeId !== person) return;
        this.shownId.set(item.headshotId);
        void this.loadResults(item.headshotId);
        void this.load(this.beforeUrl, item.headshotId, 'original');
        this.announcement.set(`${this.index() + 1} of ${this.count()}: ${this.name()}`);
      });
    });
    effect(() => {
      const r = this.shown();
      const fallback = this.item();
      const id = r?.headshotId ?? fallback?.headshotId;
      const rendition = r ? r.fullSize : (fallback?.fullSize ?? null);
      if (id && rendition) void this.load(this.afterUrl, id, rendition);
      else this.afterUrl.set(null);
    });
    effect(() => {
      if (this.rendering() && !this.poll) this.poll = setInterval(() => void this.loadResults(this.shownId(), true), RESULT_POLL_MS);
      if (!this.rendering() && this.poll) this.stopPolling();
    });
    inject(DestroyRef).onDestroy(() => this.stopPolling());
    // The dialog's own key stream: it reaches the viewer wherever focus sits inside it, and not
    // while the reject or regenerate dialog is open on top.
    this.dialogRef
      .keydownEvents()
      .pipe(takeUntilDestroyed())
      .subscribe((e) => this.onKeydown(e));
  }

  private onKeydown(event: KeyboardEvent): void {
    // The overlay dispatcher can hand the viewer keys meant for a dialog opened on top of it (a slider's
    // arrows, a letter typed into the rejection reason): only the topmost dialog's keys are the viewer's,
    // and never keys typed into a field.
    if (this.dialog.openDialogs.at(-1) !== this.dialogRef || isTextEntry(event.target)) return;
    const cmd = viewerCommand(event);
    if (!cmd || this.busy()) return;
    event.preventDefault();
    switch (cmd) {
      case 'next':
        this.move(1);
        break;
      case 'previous':
        this.move(-1);
        break;
      case 'zoom':
        this.toggleZoom();
        break;
      case 'approve':
        void this.approve();
        break;
      case 'reject':
        void this.reject();
        break;
      case 'regenerate':
        void this.regenerate();
        break;
    }
  }

  protected move(step: number): void {
    // When the person is not in the list right now, the one at their last place is "next".
    const at = this.index() + (this.listed() || step < 0 ? step : 0);
    const next = this.data.items()[at];
    if (next && next.employeeId !== this.personId()) this.personId.set(next.employeeId);
  }

  protected setZoom(zoom: Zoom): void {
    this.zoom.set(zoom);
    if (zoom === 'actual') setTimeout(() => this.centre());
  }

  protected toggleZoom(): void {
    this.setZoom(this.zoom() === 'fit' ? 'actual' : 'fit');
  }

  protected resultLabel(r: HeadshotResultDto): string {
    const what = r.state === 'queued' || r.state === 'processing' ? ' (rendering)' : r.state === 'failed' ? ' (failed)' : r.state === 'approved' ? ' (approved)' : '';
    return `Result ${r.result}${what}`;
  }

  /** One pane scrolled (by wheel, touch or drag): the other follows to the same relative spot. */
  protected onScroll(from: 'before' | 'after'): void {
    if (this.syncing) return;
    const src = (from === 'before' ? this.before() : this.after())?.nativeElement;
    const dst = (from === 'before' ? this.after() : this.before())?.nativeElement;
    if (!src || !dst) return;
    const to = syncedScroll(src, dst);
    this.syncing = true;
    dst.scrollLeft = to.left;
    dst.scrollTop = to.top;
    requestAnimationFrame(() => (this.syncing = false));
  }

  protected onPointerDown(event: PointerEvent, pane: HTMLElement): void {
    if (this.zoom() !== 'actual' || event.pointerType === 'touch') return;
    this.drag = { x: event.clientX, y: event.clientY, pane };
    pane.setPointerCapture(event.pointerId);
  }

  protected onPointerMove(event: PointerEvent): void {
    if (!this.drag) return;
    this.drag.pane.scrollLeft -= event.clientX - this.drag.x;
    this.drag.pane.scrollTop -= event.clientY - this.drag.y;
    this.drag = { ...this.drag, x: event.clientX, y: event.clientY };
  }

  protected onPointerUp(): void {
    this.drag = null;
  }

  protected async approve(): Promise<void> {
    const item = this.item();
    const id = this.shownId();
    if (!item || !this.canApprove()) return;
    await this.decide(() => this.data.approve(item, id));
  }

  protected async reject(): Promise<void> {
    const item = this.item();
    if (!item || !this.data.decidable) return;
    await this.decide(() => this.data.reject(item));
  }

  /** Regenerates from inside the viewer and stays on the person: the new result is shown when it is ready. */
  protected async regenerate(): Promise<void> {
    const item = this.item();
    if (!item || !this.data.regenerable) return;
    const base = { ...item, headshotId: this.shownId(), adjustments: this.shown()?.adjustments ?? item.adjustments };
    const ref = this.dialog.open<RegenerateDialogComponent, ReviewItemDto, ReviewDecisionDto>(RegenerateDialogComponent, {
      data: base,
      width: '560px',
      maxWidth: 'calc(100vw - 32px)',
    });
    const decision = await firstValueFrom(ref.afterClosed());
    if (!decision) return;
    await this.loadResults(decision.headshotId);
    this.shownId.set(decision.headshotId);
    this.announcement.set(`Result ${this.shownNumber() ?? ''} is rendering. It appears here when it is ready.`);
  }

  protected close(): void {
    this.dialogRef.close();
  }

  private async decide(action: () => Promise<boolean>): Promise<void> {
    const before = this.index();
    this.busy.set(true);
    try {
      if (!(await action())) return;
    } finally {
      this.busy.set(false);
    }
    const list = this.data.items();
    if (list.length === 0) {
      this.close();
      return;
    }
    // The decided card left the list: show the one that took its place.
    this.personId.set(list[Math.min(before, list.length - 1)].employeeId);
  }

  private async loadResults(keepId: string, quiet = false): Promise<void> {
    const item = this.item();
    if (!item) return;
    try {
      const results = await firstValueFrom(this.api.results(item.headshotId));
      if (this.item()?.employeeId !== item.employeeId) return;
      this.results.set(results);
      if (!results.some((r) => r.headshotId === this.shownId())) this.shownId.set(keepId);
      const done = results.find((r) => r.headshotId === this.shownId());
      if (quiet && done?.state === 'in_review') this.announcement.set(`Result ${done.result} is ready.`);
    } catch (err) {
      if (!quiet) this.imageError.set(toDisplayError(err).message);
    }
  }

  private async load(target: typeof this.beforeUrl, headshotId: string, rendition: string): Promise<void> {
    target.set(null);
    try {
      target.set((await this.urls.get(headshotId, rendition)).url);
      this.imageError.set(null);
    } catch (err) {
      this.imageError.set(toDisplayError(err).message);
    }
  }

  /** At 100 % both panes start on the middle of the picture. */
  private centre(): void {
    for (const pane of [this.before()?.nativeElement, this.after()?.nativeElement]) {
      if (!pane) continue;
      pane.scrollLeft = (pane.scrollWidth - pane.clientWidth) / 2;
      pane.scrollTop = (pane.scrollHeight - pane.clientHeight) / 3;
    }
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }
}

/** A field where keys are text or values (inputs, sliders, text areas), not shortcuts. */
function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
