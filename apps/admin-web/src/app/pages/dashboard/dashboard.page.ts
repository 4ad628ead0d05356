import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ActivityDto } from '@teamframe/shared-types';
import { catchError, EMPTY, map, merge, of, Subject, switchMap } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ROLE_LABELS, type HealthReport } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { HealthService } from '../../core/health.service';
import { LiveActivityService } from '../../core/live-activity.service';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ActiveCampaignsCardComponent } from '../campaigns/active-campaigns-card.component';
import { StatusRowComponent } from '../../shared/status-row/status-row.component';

type HealthState =
  | { kind: 'loading' }
  | { kind: 'loaded'; report: HealthReport }
  | { kind: 'error'; error: DisplayError };

@Component({
  selector: 'tf-dashboard-page',
  imports: [
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardContent,
    MatButton,
    MatIcon,
    MatProgressBar,
    RouterLink,
    ErrorBannerComponent,
    StatusRowComponent,
    ActiveCampaignsCardComponent,
  ],
  templateUrl: './dashboard.page.html',
  styleUrl: './dashboard.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  protected readonly auth = inject(AuthService);
  private readonly healthService = inject(HealthService);

  protected readonly firstName = computed(() => {
    const name = this.auth.user()?.displayName?.trim() ?? '';
    return name.split(/\s+/)[0] || name;
  });
  /** Owners and HR admins get the steps as links; the pages behind them are theirs only. */
  protected readonly canManage = computed(() => {
    const role = this.auth.user()?.role;
    return role === 'owner' || role === 'hr_admin';
  });
  protected readonly roleLabel = computed(() => {
    const role = this.auth.user()?.role;
    return role ? ROLE_LABELS[role] : '';
  });

  private readonly live = inject(LiveActivityService);
  /**
   * The org's to-do numbers for owners and HR admins: read once, then pushed as they change. Null
   * while loading, and for marketing (the numbers are HR's).
   */
  protected readonly activity = toSignal<ActivityDto | null>(
    this.canManage() ? merge(this.live.snapshot().pipe(catchError(() => EMPTY)), this.live.activity$) : of(null),
    { initialValue: null },
  );
  /** Lines of the "needs you" card, only those with something to do, each a link to where it is done. */
  protected readonly todo = computed(() => {
    const a = this.activity();
    if (!a) return [];
    const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
    return [
      { count: a.inReview, text: `${n(a.inReview, 'headshot is', 'headshots are')} waiting for your review`, link: '/review', query: {}, icon: 'rate_review' },
      { count: a.failed, text: `${n(a.failed, 'headshot', 'headshots')} could not be rendered`, link: '/review', query: { state: 'failed' }, icon: 'error' },
      { count: a.waitingForBatch, text: `${n(a.waitingForBatch, 'selfie is', 'selfies are')} waiting for a batch`, link: '/batches', query: {}, icon: 'hourglass_top' },
      // Kept by the API for a worker's check: nothing for HR to do but know (and tell IT if it stays).
      { count: a.waitingForCheck, text: `${n(a.waitingForCheck, 'selfie is', 'selfies are')} kept and waiting for a worker to check ${a.waitingForCheck === 1 ? 'it' : 'them'}`, link: '/employees', query: { status: 'invited' }, icon: 'pending' },
      // Checked and usable, but the quota is reached: they are processed by themselves once there is room.
      { count: a.waitingForSpace, text: `${n(a.waitingForSpace, 'selfie is', 'selfies are')} kept but waiting because your storage is full: free space (retention, people who left) or ask your provider for a larger quota`, link: '/settings/organisation', query: {}, icon: 'cloud_off' },
      { count: a.missingSelfies, text: `${n(a.missingSelfies, 'person has', 'people have')} not sent a selfie yet`, link: '/employees', query: { status: 'invited' }, icon: 'person_search' },
      { count: a.askedToRetake, text: `${n(a.askedToRetake, 'person was', 'people were')} asked for another selfie`, link: '/employees', query: { status: 'rejected' }, icon: 'replay' },
    ].filter((t) => t.count > 0);
  });

  protected readonly health = signal<HealthState>({ kind: 'loading' });
  protected readonly healthReport = computed(() => {
    const state = this.health();
    return state.kind === 'loaded' ? state.report : null;
  });
  protected readonly healthError = computed(() => {
    const state = this.health();
    return state.kind === 'error' ? state.error : null;
  });
  private readonly refresh$ = new Subject<void>();

  constructor() {
    this.refresh$
      .pipe(
        switchMap(() => {
          this.health.set({ kind: 'loading' });
          return this.healthService.check().pipe(
            map((report): HealthState => ({ kind: 'loaded', report })),
            // Handled inside switchMap so one failure does not end the stream and "Try again" still works.
            catchError((err: unknown) => of<HealthState>({ kind: 'error', error: toDisplayError(err) })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.health.set(state));
    this.refresh$.next();
  }

  protected workersText(n: number): string {
    return n === 0 ? 'None connected' : `${n} connected`;
  }

  protected checkHealth(): void {
    this.refresh$.next();
  }
}
