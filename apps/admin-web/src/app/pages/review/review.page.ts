import { DatePipe, PercentPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { type ReviewDecisionDto, type ReviewItemDto, REVIEW_STATES, type ReviewState } from '@teamframe/shared-types';
import { filter, firstValueFrom, skip } from 'rxjs';
import { toDisplayError } from '../../core/api-error';
import { LiveActivityService } from '../../core/live-activity.service';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ListSearchComponent } from '../../shared/list-paging/list-search.component';
import { PagedList, queryParamChoice } from '../../shared/list-paging/paged-list';
import { RegenerateDialogComponent } from './regenerate-dialog.component';
import { RejectDialogComponent } from './reject-dialog.component';

import { ReviewApi, type ReviewListParams } from './review-api.service';
import { ReviewImageComponent } from './review-image.component';
import { ReviewViewerComponent, type ReviewViewerData } from './review-viewer.component';
import { cardCommand, previewRendition, splitWarnings } from './review-keys';

/** The page sizes the paginator offers (and the address may ask for). */
const PAGE_SIZES = [24, 50, 100];

const STATE_TABS: readonly { value: ReviewState; label: string; empty: string }[] = [
  { value: 'in_review', label: 'In review', empty: 'Nothing is waiting for review. New headshots appear here as selfies are processed.' },
  { value: 'approved', label: 'Approved', empty: 'No approved headshots yet.' },
  { value: 'rejected', label: 'Rejected', empty: 'No rejected headshots.' },
  { value: 'failed', label: 'Failed', empty: 'No headshot failed to render.' },
];

@Component({
  selector: 'tf-review-page',
  imports: [
    DatePipe,
    PercentPipe,
    RouterLink,
    MatButton,
    MatIconButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatSelect,
    MatOption,
    MatIcon,
    MatPaginator,
    MatProgressBar,
    MatTooltip,
    ErrorBannerComponent,
    ListSearchComponent,
    ReviewImageComponent,
  ],
  templateUrl: './review.page.html',
  styleUrl: './review.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewPage {
  private readonly api = inject(ReviewApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly live = inject(LiveActivityService);

  protected readonly tabs = STATE_TABS;
  /** `?state=failed` (the dashboard's link) opens that tab. */
  protected readonly reviewState = signal<ReviewState>(queryParamChoice('state', REVIEW_STATES, 'in_review'));
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly list = new PagedList({
    pageSize: 50,
    address: { sizes: PAGE_SIZES },
    filters: { department: '' },
    request: ({ page, pageSize, q, filters }): ReviewListParams => ({ state: this.reviewState(), department: filters.department, q, page, pageSize }),
    load: (params: ReviewListParams) => this.api.list(params),
    loaded: (page) => {
      this.items.set(page.items);
      this.total.set(page.total);
      this.activeIndex.update((i) => Math.min(i, Math.max(0, page.items.length - 1)));
    },
  });
  protected readonly items = signal<ReviewItemDto[]>([]);
  protected readonly total = signal(0);
  protected readonly emptyText = computed(() => STATE_TABS.find((t) => t.value === this.reviewState())?.empty ?? '');
  protected readonly departments = signal<string[]>([]);
  /** Warnings every card on the page shares are said once; cards keep what is about their person. */
  protected readonly warnings = computed(() => splitWarnings(this.items()));

  /** Approve/reject only apply to headshots waiting for review; regenerate also to failed and rejected ones. */
  protected readonly decidable = computed(() => this.reviewState() === 'in_review');
  protected readonly regenerable = computed(() => this.reviewState() !== 'approved');

  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly allOnPageSelected = computed(() => {
    const items = this.items();
    return items.length > 0 && items.every((i) => this.selected().has(i.headshotId));
  });
  protected readonly someOnPageSelected = computed(() => this.items().some((i) => this.selected().has(i.headshotId)));
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly bulkBusy = signal(false);
  protected readonly skipped = signal<{ name: string; reason: string }[]>([]);

  /** The card that holds the tab stop (roving tabindex): Tab enters the grid once, arrows move inside. */
  protected readonly activeIndex = signal(0);
  private readonly grid = viewChild<ElementRef<HTMLElement>>('grid');

  constructor() {
    // Headshots arrive, render again and are decided elsewhere (another HR tab, the worker): the
    // server pushes the org's numbers when they change and the grid is read again, unless a read is on.
    this.live.activity$
      .pipe(
        skip(1),
        filter(() => !this.list.loading()),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.reload());
    this.api
      .departments()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (d) => this.departments.set(d),
        // The filter is a convenience; without the list the grid still works.
        error: () => this.departments.set([]),
      });
  }

  protected reload(): void {
    this.list.reload();
  }

  protected setReviewState(value: ReviewState): void {
    this.reviewState.set(value);
    this.list.firstPage();
    this.activeIndex.set(0);
    this.clearSelection();
  }

  protected onPage(event: PageEvent): void {
    this.list.turnPage(event);
    this.activeIndex.set(0);
  }

  // ----- card details -----

  protected fullName(item: ReviewItemDto): string {
    return `${item.firstName} ${item.lastName}`.trim();
  }

  protected preview(item: ReviewItemDto): string | null {
    return previewRendition(item.renditions);
  }

  protected cardWarnings(item: ReviewItemDto): ReviewItemDto['warnings'] {
    return this.warnings().personal.get(item.headshotId) ?? item.warnings;
  }

  protected isBusy(id: string): boolean {
    return this.busy().has(id);
  }

  protected isSelected(id: string): boolean {
    return this.selected().has(id);
  }

  // ----- selection -----

  protected toggle(item: ReviewItemDto): void {
    this.selected.update((s) => {
      const next = new Set(s);
      if (next.has(item.headshotId)) next.delete(item.headshotId);
      else next.add(item.headshotId);
      return next;
    });
  }

  protected toggleAllOnPage(checked: boolean): void {
    this.selected.update((s) => {
      const next = new Set(s);
      for (const i of this.items()) {
        if (checked) next.add(i.headshotId);
        else next.delete(i.headshotId);
      }
      return next;
    });
  }

  protected clearSelection(): void {
    this.selected.set(new Set());
  }

  // ----- decisions -----

  /** Approves one result of the person (the card's own, or one chosen in the viewer); true when it was. */
  protected async approve(item: ReviewItemDto, headshotId = item.headshotId): Promise<boolean> {
    if (!this.decidable() || this.isBusy(item.headshotId)) return false;
    this.setBusy(item.headshotId, true);
    try {
      await firstValueFrom(this.api.approve(headshotId));
      this.removeCard(item);
      this.snackBar.open(`Approved ${this.fullName(item)}. They get their headshot by email.`, 'OK', { duration: 4000 });
      return true;
    } catch (err) {
      this.failed('approve', item, err);
      return false;
    } finally {
      this.setBusy(item.headshotId, false);
    }
  }

  protected async reject(item: ReviewItemDto): Promise<boolean> {
    if (!this.decidable() || this.isBusy(item.headshotId)) return false;
    const ref = this.dialog.open<RejectDialogComponent, ReviewItemDto, ReviewDecisionDto>(RejectDialogComponent, {
      data: item,
      width: '520px',
      maxWidth: 'calc(100vw - 32px)',
    });
    const decision = await firstValueFrom(ref.afterClosed());
    if (!decision) return false;
    this.removeCard(item);
    this.snackBar.open(`Rejected. ${item.firstName} was emailed your reason and a new link.`, 'OK', { duration: 5000 });
    return true;
  }

  /** The full-size viewer on this card's person; the grid is read again when it closes. */
  protected openViewer(item: ReviewItemDto): void {
    const data: ReviewViewerData = {
      items: this.items.asReadonly(),
      start: item,
      decidable: this.decidable(),
      regenerable: this.regenerable(),
      approve: (i, id) => this.approve(i, id),
      reject: (i) => this.reject(i),
    };
    const ref = this.dialog.open(ReviewViewerComponent, {
      data,
      panelClass: 'tf-viewer-panel',
      width: '100vw',
      height: '100dvh',
      maxWidth: '100vw',
      maxHeight: '100dvh',
      autoFocus: 'dialog',
      ariaLabel: `Full-size review of ${this.fullName(item)}`,
    });
    ref.afterClosed().subscribe(() => this.reload());
  }

  protected regenerate(item: ReviewItemDto): void {
    if (!this.regenerable() || this.isBusy(item.headshotId)) return;
    const ref = this.dialog.open<RegenerateDialogComponent, ReviewItemDto, ReviewDecisionDto>(RegenerateDialogComponent, {
      data: item,
      width: '520px',
      maxWidth: 'calc(100vw - 32px)',
    });
    ref.afterClosed().subscribe((decision) => {
      if (!decision) return;
      // The new version renders in the background and comes back to "In review" when ready.
      this.removeCard(item);
      this.snackBar.open(`Regenerating ${this.fullName(item)}. The new result appears under "In review" when it is ready.`, 'OK', {
        duration: 6000,
      });
    });
  }

  protected async approveSelected(): Promise<void> {
    const ids = [...this.selected()];
    if (!ids.length || this.bulkBusy()) return;
    this.bulkBusy.set(true);
    this.skipped.set([]);
    const names = new Map(this.items().map((i) => [i.headshotId, this.fullName(i)]));
    try {
      const result = await firstValueFrom(this.api.bulkApprove(ids));
      this.skipped.set(result.skipped.map((s) => ({ name: names.get(s.headshotId) ?? 'A headshot on another page', reason: s.reason })));
      this.clearSelection();
      this.snackBar.open(
        `Approved ${result.approved} ${result.approved === 1 ? 'headshot' : 'headshots'}` +
          (result.skipped.length ? `; ${result.skipped.length} skipped.` : '.'),
        'OK',
        { duration: 5000 },
      );
      this.reload();
    } catch (err) {
      this.snackBar.open(`Nothing was approved: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.bulkBusy.set(false);
    }
  }

  // ----- keyboard -----

  protected onCardKeydown(event: KeyboardEvent, index: number, item: ReviewItemDto): void {
    const target = event.target as HTMLElement;
    // Keys typed into a control inside the card (the checkbox's space, a button's enter) stay theirs.
    if (target !== event.currentTarget && !['a', 'r', 'g', 'A', 'R', 'G'].includes(event.key)) return;
    const cmd = cardCommand(event, index, this.items().length, this.columns());
    if (!cmd) return;
    event.preventDefault();
    switch (cmd.kind) {
      case 'move':
        this.focusCard(cmd.to);
        break;
      case 'approve':
        void this.approve(item);
        break;
      case 'reject':
        void this.reject(item);
        break;
      case 'open':
        this.openViewer(item);
        break;
      case 'regenerate':
        this.regenerate(item);
        break;
      case 'toggle':
        if (this.decidable()) this.toggle(item);
        break;
    }
  }

  protected onCardFocus(index: number): void {
    this.activeIndex.set(index);
  }

  private focusCard(index: number): void {
    this.activeIndex.set(index);
    const card = this.grid()?.nativeElement.querySelectorAll<HTMLElement>('.tf-card')[index];
    card?.focus();
    card?.scrollIntoView({ block: 'nearest' });
  }

  /** How many cards a grid row holds right now, for up/down. */
  private columns(): number {
    const el = this.grid()?.nativeElement;
    if (!el) return 1;
    return getComputedStyle(el).gridTemplateColumns.split(' ').filter(Boolean).length || 1;
  }

  private removeCard(item: ReviewItemDto): void {
    const index = this.items().findIndex((i) => i.headshotId === item.headshotId);
    const hadFocus = !!this.grid()?.nativeElement.contains(document.activeElement);
    this.items.update((list) => list.filter((i) => i.headshotId !== item.headshotId));
    this.total.update((t) => Math.max(0, t - 1));
    this.selected.update((s) => {
      const next = new Set(s);
      next.delete(item.headshotId);
      return next;
    });
    const remaining = this.items().length;
    if (remaining === 0) {
      // The page emptied: fetch what moved up from the next page (or the previous page).
      if (this.total() > 0 && this.list.pageIndex() > 0 && this.list.pageIndex() * this.list.pageSize() >= this.total()) {
        this.list.pageIndex.update((p) => p - 1);
      } else {
        this.reload();
      }
      return;
    }
    // Keep the keyboard on the card that took this one's place, so A A A works down the grid.
    const next = Math.min(index < 0 ? 0 : index, remaining - 1);
    this.activeIndex.set(next);
    if (hadFocus) setTimeout(() => this.focusCard(next));
  }

  private setBusy(id: string, on: boolean): void {
    this.busy.update((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  private failed(action: string, item: ReviewItemDto, err: unknown): void {
    const e = toDisplayError(err);
    this.snackBar.open(`Could not ${action} ${this.fullName(item)}: ${e.message}`, 'Dismiss', { duration: 8000 });
    // A 409 means someone else decided first: show the grid as it is now.
    if (e.status === 409 || e.status === 404) this.reload();
  }
}

