import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatDatepicker, MatDatepickerInput, MatDatepickerToggle } from '@angular/material/datepicker';
import { MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { AuditEventDto } from '@teamframe/shared-types';
import { injectIsPhone } from '../../core/phone-layout';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ListPaginatorComponent } from '../../shared/list-paging/list-paginator.component';
import { PagedList } from '../../shared/list-paging/paged-list';
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

/** The page sizes the paginator offers (and the address may ask for). */
const PAGE_SIZES = [25, 50, 100, 200];

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
    ListPaginatorComponent,
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
  protected readonly isPhone = injectIsPhone();
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

  protected readonly pageSizes = PAGE_SIZES;
  protected readonly list = new PagedList({
    pageSize: 50,
    address: { sizes: PAGE_SIZES },
    filters: { action: '', fromDate: '', toDate: '' },
    // A range that ends before it starts is said under the field; the last page stays until it is fixed.
    request: ({ page, pageSize, filters }): AuditListParams | null => {
      const r = dateRangeParams(filters.fromDate, filters.toDate);
      return 'error' in r ? null : { page, pageSize, action: filters.action, ...r };
    },
    load: (params: AuditListParams) => this.api.list(params),
  });

  protected readonly groupHint = computed(() => this.groups.find((g) => g.prefix === this.list.filters().action)?.hint ?? '');
  protected readonly rangeError = computed(() => {
    const r = dateRangeParams(this.list.filters().fromDate, this.list.filters().toDate);
    return 'error' in r ? r.error : null;
  });
  /** Nothing while the range is wrong: the last page would look like the answer to it. */
  protected readonly rows = computed(() => (this.rangeError() ? [] : this.list.items().map(toRow)));

}
