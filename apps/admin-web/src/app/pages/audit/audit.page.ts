import { DatePipe } from '@angular/common';
import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatDatepicker, MatDatepickerInput, MatDatepickerToggle } from '@angular/material/datepicker';
import { MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { AuditEventDto, Page } from '@teamframe/shared-types';
import { catchError, combineLatest, EMPTY, map, of, startWith, Subject, switchMap } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { AuditApi, type AuditListParams } from './audit-api.service';
import {
  actionLabel,
  actorFallback,
  AUDIT_ACTION_GROUPS,
  dateRangeParams,
  detailChips,
  shortId,
  subjectLabel,
  type DetailChip,
} from './audit-format';

type ListState =
  | { kind: 'loading'; previous: Page<AuditEventDto> | null }
  | { kind: 'loaded'; page: Page<AuditEventDto> }
  | { kind: 'error'; error: DisplayError; previous: Page<AuditEventDto> | null };

/** A row as the table shows it, worked out once per page rather than on every change detection. */
interface AuditRow {
  id: string;
  at: string;
  action: string;
  label: string;
  labelled: boolean;
  actor: string;
  isSystem: boolean;
  subject: string;
  subjectName: string | null;
  subjectId: string | null;
  subjectShort: string;
  details: DetailChip[];
}

function toRow(e: AuditEventDto): AuditRow {
  const label = actionLabel(e.action);
  return {
    id: e.id,
    at: e.at,
    action: e.action,
    label,
    labelled: label !== e.action,
    actor: e.actor?.email ?? actorFallback(e.action),
    isSystem: !e.actor,
    subject: subjectLabel(e.subjectType),
    subjectName: e.subjectName,
    subjectId: e.subjectId,
    subjectShort: shortId(e.subjectId),
    details: detailChips(e.details),
  };
}

@Component({
  selector: 'tf-audit-page',
  imports: [
    DatePipe,
    MatTableModule,
    MatPaginator,
    MatFormField,
    MatLabel,
    MatHint,
    MatSuffix,
    MatDatepicker,
    MatDatepickerInput,
    MatDatepickerToggle,
    MatInput,
    MatSelect,
    MatOption,
    MatButton,
    MatIcon,
    MatProgressBar,
    ErrorBannerComponent,
  ],
  templateUrl: './audit.page.html',
  styleUrl: './audit.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly api = inject(AuditApi);

  protected readonly groups = AUDIT_ACTION_GROUPS;
  protected readonly isPhone = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 767.98px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() =>
    // A phone has room for two columns; who, whom and the details go under the event.
    this.isPhone() ? ['when', 'action'] : ['when', 'action', 'actor', 'subject', 'details'],
  );

  /** The filter days are calendar days (`YYYY-MM-DD`); the datepicker works in local dates. */
  protected asDate(day: string): Date | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  }

  protected dayOf(date: Date | null): string {
    if (!date || Number.isNaN(date.getTime())) return '';
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  }

  protected readonly action = signal('');
  protected readonly fromDate = signal('');
  protected readonly toDate = signal('');
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(50);

  protected readonly groupHint = computed(() => this.groups.find((g) => g.prefix === this.action())?.hint ?? '');
  private readonly range = computed(() => dateRangeParams(this.fromDate(), this.toDate()));
  protected readonly rangeError = computed(() => {
    const r = this.range();
    return 'error' in r ? r.error : null;
  });
  private readonly params = computed<AuditListParams | null>(() => {
    const r = this.range();
    if ('error' in r) return null;
    return { page: this.pageIndex() + 1, pageSize: this.pageSize(), action: this.action(), ...r };
  });
  protected readonly filtered = computed(() => !!(this.action() || this.fromDate() || this.toDate()));

  private readonly reload$ = new Subject<void>();
  protected readonly state = signal<ListState>({ kind: 'loading', previous: null });
  protected readonly page = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.page : s.previous;
  });
  /** Nothing while the range is wrong: the last page would look like the answer to it. */
  protected readonly rows = computed(() => (this.rangeError() ? [] : (this.page()?.items ?? []).map(toRow)));
  protected readonly loading = computed(() => this.state().kind === 'loading');
  protected readonly listError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });

  constructor() {
    combineLatest([toObservable(this.params), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([params]) => {
          // A range that ends before it starts is said under the field; keep the last page until fixed.
          if (!params) return EMPTY;
          this.state.update((s) => ({ kind: 'loading', previous: s.kind === 'loaded' ? s.page : s.previous }));
          return this.api.list(params).pipe(
            map((page): ListState => ({ kind: 'loaded', page })),
            catchError((err: unknown) => of<ListState>({ kind: 'error', error: toDisplayError(err), previous: this.page() })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected setAction(value: string): void {
    this.action.set(value);
    this.pageIndex.set(0);
  }

  protected setFrom(value: string): void {
    this.fromDate.set(value);
    this.pageIndex.set(0);
  }

  protected setTo(value: string): void {
    this.toDate.set(value);
    this.pageIndex.set(0);
  }

  protected clearFilters(): void {
    this.action.set('');
    this.fromDate.set('');
    this.toDate.set('');
    this.pageIndex.set(0);
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  protected reload(): void {
    this.reload$.next();
  }
}
