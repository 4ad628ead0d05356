import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltip } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import type { CampaignCounts, CampaignDto } from '@teamframe/shared-types';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { filter, firstValueFrom, interval } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { confirmed, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { CampaignMembersComponent } from './campaign-members.component';
import { approvedPercent, audienceText, dueText, formatDay, KIND_LABELS, plural } from './campaign-format';
import type { CampaignStartedState } from './campaigns.page';
import { CampaignsApi } from './campaigns-api.service';

type LoadState = { kind: 'loading' } | { kind: 'loaded'; campaign: CampaignDto } | { kind: 'error'; error: DisplayError };

interface Tile {
  key: keyof CampaignCounts;
  label: string;
  icon: string;
  /** Colours the tile while its number is above zero: `warn` is worth a look, `alert` asks HR to act. */
  tone?: 'warn' | 'alert';
}

const TILES: readonly Tile[] = [
  { key: 'invited', label: 'Invited', icon: 'mail' },
  { key: 'uploaded', label: 'Uploaded', icon: 'upload' },
  { key: 'inReview', label: 'In review', icon: 'rate_review' },
  { key: 'approved', label: 'Approved', icon: 'check_circle' },
  { key: 'missing', label: 'Missing', icon: 'hourglass_empty', tone: 'warn' },
  { key: 'needsAttention', label: 'Needs attention', icon: 'priority_high', tone: 'alert' },
];

const SUMMARY: readonly Tile[] = [
  { key: 'invited', label: 'Invited', icon: 'mail' },
  { key: 'uploaded', label: 'Uploaded', icon: 'upload' },
  { key: 'approved', label: 'Approved', icon: 'check_circle' },
  { key: 'missing', label: 'Missing', icon: 'hourglass_empty' },
];

const AUTO_REFRESH_MS = 30_000;

/** One campaign: its numbers, its people, reminders, and its end with a summary. */
@Component({
  selector: 'tf-campaign-page',
  imports: [DatePipe, RouterLink, MatButton, MatIconButton, MatIcon, MatProgressBar, MatTooltip, ErrorBannerComponent, CampaignMembersComponent],
  templateUrl: './campaign.page.html',
  styleUrl: './campaign.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignPage {
  private readonly api = inject(CampaignsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  /** From the route (`campaigns/:id`) through component input binding. */
  readonly id = input.required<string>();

  protected readonly tiles = TILES;
  protected readonly summaryTiles = SUMMARY;
  protected readonly state = signal<LoadState>({ kind: 'loading' });
  protected readonly campaign = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.campaign : null;
  });
  protected readonly loadError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly refreshing = signal(false);
  protected readonly busy = signal(false);
  protected readonly view = computed(() => {
    const c = this.campaign();
    if (!c) return null;
    return {
      kind: KIND_LABELS[c.kind],
      audience: audienceText(c.audience),
      due: dueText(c),
      dueDay: c.dueOn ? formatDay(c.dueOn) : null,
      percent: approvedPercent(c.counts),
      active: c.state === 'active',
    };
  });
  /** People the API could not invite when the campaign started; shown once, right after the dialog. */
  protected readonly skipped = signal<CampaignStartedState['skipped']>(startedState(this.router)?.skipped ?? []);
  protected readonly plural = plural;
  private readonly members = viewChild(CampaignMembersComponent);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    // Selfies arrive and headshots get approved while HR watches: refresh an active campaign's numbers
    // now and then, only while the tab is visible and nothing else is loading.
    interval(AUTO_REFRESH_MS)
      .pipe(
        filter(() => this.view()?.active === true && document.visibilityState === 'visible' && !this.refreshing() && !this.busy()),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.refresh());
  }

  protected async load(id = this.id(), quiet = false): Promise<void> {
    if (quiet) this.refreshing.set(true);
    else this.state.set({ kind: 'loading' });
    try {
      const campaign = await firstValueFrom(this.api.get(id));
      this.state.set({ kind: 'loaded', campaign });
    } catch (err) {
      // A failed background refresh keeps the numbers on screen and says so in a snackbar instead.
      if (quiet && this.campaign()) this.snackBar.open(`Could not refresh: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 });
      else this.state.set({ kind: 'error', error: toDisplayError(err) });
    } finally {
      this.refreshing.set(false);
    }
  }

  protected refresh(): void {
    void this.load(this.id(), true);
    this.members()?.reload();
  }

  protected statusCsvHref(c: CampaignDto): string {
    return this.api.statusCsvHref(c.id);
  }

  protected async remindAllMissing(c: CampaignDto): Promise<void> {
    const n = c.counts.missing;
    const ok = await this.confirm({
      title: `Remind ${plural(n, 'person', 'people')}?`,
      message: `Everyone in "${c.name}" who has not sent a selfie gets a reminder email now with their link.`,
      confirmLabel: `Remind ${n}`,
    });
    if (!ok) return;
    this.busy.set(true);
    try {
      const { reminded } = await firstValueFrom(this.api.remind(c.id, { allMissing: true }));
      this.snackBar.open(reminded ? `Reminders sent: ${reminded}.` : 'Nobody needed a reminder.', 'OK', { duration: 6000 });
      this.refresh();
    } catch (err) {
      this.snackBar.open(`Reminders were not sent: ${toDisplayError(err).message}`, 'Dismiss', { duration: 10000 });
    } finally {
      this.busy.set(false);
    }
  }

  protected async end(c: CampaignDto): Promise<void> {
    const ok = await this.confirm({
      title: `End "${c.name}"?`,
      message:
        'Reminders stop and the numbers are frozen as the campaign summary. Links already sent keep working until they expire, and selfies that still arrive are processed as usual.',
      confirmLabel: 'End campaign',
      destructive: true,
    });
    if (!ok) return;
    this.busy.set(true);
    try {
      const ended = await firstValueFrom(this.api.end(c.id));
      this.state.set({ kind: 'loaded', campaign: ended });
      this.snackBar.open(`"${ended.name}" ended.`, 'OK', { duration: 5000 });
      this.members()?.reload();
    } catch (err) {
      this.snackBar.open(`The campaign was not ended: ${toDisplayError(err).message}`, 'Dismiss', { duration: 10000 });
    } finally {
      this.busy.set(false);
    }
  }

  private confirm(data: ConfirmDialogData): Promise<boolean> {
    return confirmed(this.dialog, data, '440px');
  }
}

/** The state the list page navigated with, if this page was opened right after starting a campaign. */
function startedState(router: Router): CampaignStartedState | null {
  const state = router.currentNavigation()?.extras.state as Partial<CampaignStartedState> | undefined;
  return state && Array.isArray(state.skipped) ? { skipped: state.skipped } : null;
}
