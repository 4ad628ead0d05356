import { SelectionModel } from '@angular/cdk/collections';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSort, MatSortHeader, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { type CustomFieldDto, EMPLOYEE_STATUSES, type EmployeeDto, type ErasurePreview, type EmployeeStatus, type ImportResult, type InviteRequest, type InviteResult } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError } from '../../core/api-error';
import { injectIsPhone } from '../../core/phone-layout';
import { confirmed, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ListPaginatorComponent } from '../../shared/list-paging/list-paginator.component';
import { ListSearchComponent } from '../../shared/list-paging/list-search.component';
import { PagedList, queryParamChoice } from '../../shared/list-paging/paged-list';
import { EMPLOYEE_STATUS_LABELS, StatusChipComponent } from '../../shared/status-chip/status-chip.component';
import { EmployeeDialogComponent, type EmployeeDialogData } from './employee-dialog.component';
import { type EmployeeListParams, type EmployeeSortField, EmployeesApi } from './employees-api.service';
import { erasureSentence } from './erasure-text';
import { RefusedUploadsDialogComponent } from './refused-uploads-dialog.component';
import { ImportDialogComponent } from './import-dialog.component';
import { NeedsAttentionComponent } from './needs-attention.component';

/** The page sizes the paginator offers (and the address may ask for). */
const PAGE_SIZES = [25, 50, 100];

const SORTABLE: readonly string[] = ['lastName', 'firstName', 'email', 'department', 'title', 'status', 'createdAt'];

@Component({
  selector: 'tf-employees-page',
  imports: [
    RouterLink,
    MatTableModule,
    MatSort,
    MatSortHeader,
    ListPaginatorComponent,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatSelect,
    MatOption,
    MatSlideToggle,
    MatButton,
    MatIconButton,
    MatIcon,
    MatMenu,
    MatMenuItem,
    MatMenuContent,
    MatMenuTrigger,
    MatProgressBar,
    ErrorBannerComponent,
    ListSearchComponent,
    StatusChipComponent,
    NeedsAttentionComponent,
  ],
  templateUrl: './employees.page.html',
  styleUrl: './employees.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployeesPage {
  private readonly api = inject(EmployeesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  // From the labels (a Record over EmployeeStatus) rather than the lib's constant: a value import
  // from @teamframe/shared-types would drag zod into the bundle.
  protected readonly statuses = Object.keys(EMPLOYEE_STATUS_LABELS) as EmployeeStatus[];
  protected readonly statusLabels = EMPLOYEE_STATUS_LABELS;
  protected readonly isPhone = injectIsPhone();
  protected readonly columns = computed(() =>
    this.isPhone()
      ? ['select', 'lastName', 'actions']
      : ['select', 'lastName', 'email', 'department', 'title', 'status', 'actions'],
  );

  protected readonly sort = signal<{ active: EmployeeSortField; direction: 'asc' | 'desc' }>({ active: 'lastName', direction: 'asc' });

  /** The sorted column as the header names it, for the table's caption (a screen reader reads it out). */
  protected readonly sortLabel = computed(() => SORT_LABELS[this.sort().active]);
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly list = new PagedList({
    pageSize: 25,
    address: { sizes: PAGE_SIZES },
    filters: { department: '', status: '' as EmployeeStatus | '', includeDeactivated: false },
    /** `?status=invited` (the dashboard's "missing selfies" link) opens the list already filtered. */
    initial: { status: queryParamChoice<EmployeeStatus | ''>('status', EMPLOYEE_STATUSES, '') },
    request: ({ page, pageSize, q, filters }): EmployeeListParams => ({ page, pageSize, sort: this.sort().active, order: this.sort().direction, q, ...filters }),
    load: (params: EmployeeListParams) => this.api.list(params),
  });

  protected readonly departments = signal<string[]>([]);
  /** For the add/edit dialog; an empty list when they could not be loaded (the dialog then shows none). */
  private readonly customFields = signal<CustomFieldDto[]>([]);
  protected readonly departmentsError = signal(false);

  /** Selected employees by id, kept across pages so HR can pick people from several. */
  protected readonly selection = new SelectionModel<string>(true, []);
  private readonly selectedEmployees = new Map<string, EmployeeDto>();
  protected readonly selectedCount = signal(0);
  protected readonly busy = signal(false);
  protected readonly statusCsvHref = this.api.statusCsvHref;
  private readonly needsAttention = viewChild(NeedsAttentionComponent);

  constructor() {
    this.loadDepartments();
    this.loadCustomFields();
  }

  // ----- filters, sort, paging -----

  protected onSort(sort: Sort): void {
    const active = SORTABLE.includes(sort.active) ? (sort.active as EmployeeSortField) : 'lastName';
    // Material cycles asc → desc → none; "none" means back to the default order.
    this.sort.set(sort.direction ? { active, direction: sort.direction } : { active: 'lastName', direction: 'asc' });
    this.list.firstPage();
  }

  protected reload(): void {
    this.list.reload();
  }

  // ----- selection -----

  protected isSelected(e: EmployeeDto): boolean {
    return this.selection.isSelected(e.id);
  }

  protected toggle(e: EmployeeDto): void {
    this.selection.toggle(e.id);
    if (this.selection.isSelected(e.id)) this.selectedEmployees.set(e.id, e);
    else this.selectedEmployees.delete(e.id);
    this.selectedCount.set(this.selection.selected.length);
  }

  protected allOnPageSelected(): boolean {
    const rows = this.list.items();
    return rows.length > 0 && rows.every((r) => this.selection.isSelected(r.id));
  }

  protected someOnPageSelected(): boolean {
    return this.list.items().some((r) => this.selection.isSelected(r.id)) && !this.allOnPageSelected();
  }

  protected togglePage(): void {
    const rows = this.list.items();
    if (this.allOnPageSelected()) {
      for (const r of rows) {
        this.selection.deselect(r.id);
        this.selectedEmployees.delete(r.id);
      }
    } else {
      for (const r of rows) {
        this.selection.select(r.id);
        this.selectedEmployees.set(r.id, r);
      }
    }
    this.selectedCount.set(this.selection.selected.length);
  }

  protected clearSelection(): void {
    this.selection.clear();
    this.selectedEmployees.clear();
    this.selectedCount.set(0);
  }

  // ----- actions -----

  protected async addEmployee(): Promise<void> {
    const saved = await this.openEmployeeDialog({ departments: this.departments(), customFields: this.customFields() });
    if (!saved) return;
    this.snackBar.open(`Added ${saved.firstName} ${saved.lastName}.`, 'OK', { duration: 5000 });
    this.afterChange();
  }

  protected async edit(employee: EmployeeDto): Promise<void> {
    const saved = await this.openEmployeeDialog({ employee, departments: this.departments(), customFields: this.customFields() });
    if (!saved) return;
    this.snackBar.open(`Saved ${saved.firstName} ${saved.lastName}.`, 'OK', { duration: 5000 });
    this.afterChange();
  }

  protected async importCsv(): Promise<void> {
    const ref = this.dialog.open<ImportDialogComponent, void, ImportResult>(ImportDialogComponent, {
      width: '720px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
    const result = await firstValueFrom(ref.afterClosed());
    if (!result) return;
    this.snackBar.open(
      `Imported ${result.rows} rows: ${result.created} added, ${result.updated} updated, ${result.unchanged} unchanged.`,
      'OK',
      { duration: 8000 },
    );
    this.afterChange();
  }

  protected async setActive(employee: EmployeeDto, active: boolean): Promise<void> {
    if (!active) {
      const ok = await this.confirm({
        title: `Deactivate ${employee.firstName} ${employee.lastName}?`,
        message:
          'They are hidden from lists and batches, and any invite link they have stops working. You can reactivate them later.',
        confirmLabel: 'Deactivate',
        destructive: true,
      });
      if (!ok) return;
    }
    await this.run(async () => {
      await firstValueFrom(this.api.setActive(employee.id, active));
      this.snackBar.open(
        `${employee.firstName} ${employee.lastName} ${active ? 'reactivated' : 'deactivated'}.`,
        'OK',
        { duration: 5000 },
      );
    });
  }

  protected refusedUploads(employee: EmployeeDto): void {
    this.dialog.open(RefusedUploadsDialogComponent, { data: employee, width: '520px', maxWidth: '95vw' });
  }

  /** Erasure on request (the consent text promises it): the confirmation names exactly what goes. */
  protected async erase(employee: EmployeeDto): Promise<void> {
    let preview: ErasurePreview;
    try {
      preview = await firstValueFrom(this.api.erasurePreview(employee.id));
    } catch (err) {
      this.snackBar.open(toDisplayError(err).message, 'Dismiss', { duration: 10000 });
      return;
    }
    const ok = await this.confirm({
      title: `Erase ${preview.name}?`,
      message: erasureSentence(preview),
      confirmLabel: 'Erase permanently',
      destructive: true,
    });
    if (!ok) return;
    await this.run(async () => {
      await firstValueFrom(this.api.erase(employee.id));
      this.snackBar.open(`${preview.name} was erased.`, 'OK', { duration: 5000 });
    });
  }

  protected async inviteOne(employee: EmployeeDto): Promise<void> {
    await this.invite({ employeeIds: [employee.id] }, employee.status === 'not_invited' ? 'Invite sent' : 'Invite re-sent');
  }

  protected async inviteSelected(): Promise<void> {
    const ids = this.selection.selected;
    if (ids.length === 0) return;
    const resends = ids.filter((id) => (this.selectedEmployees.get(id)?.status ?? 'not_invited') !== 'not_invited').length;
    if (resends > 0) {
      const ok = await this.confirm({
        title: `Invite ${ids.length} ${ids.length === 1 ? 'person' : 'people'}?`,
        message: `${resends} of them already ${resends === 1 ? 'has' : 'have'} an invite: they get a new link and the old one stops working.`,
        confirmLabel: 'Send invites',
      });
      if (!ok) return;
    }
    const done = await this.invite({ employeeIds: ids }, 'Invites sent');
    if (done) this.clearSelection();
  }

  protected async inviteAllNotInvited(): Promise<void> {
    let count: number | null = null;
    try {
      const page = await firstValueFrom(
        this.api.list({ page: 1, pageSize: 1, sort: 'lastName', order: 'asc', q: '', department: '', status: 'not_invited', includeDeactivated: false }),
      );
      count = page.total;
    } catch {
      // The count only makes the question clearer; ask without it.
    }
    if (count === 0) {
      this.snackBar.open('Everyone has been invited already.', 'OK', { duration: 5000 });
      return;
    }
    const who = count === null ? 'every employee who has not been invited yet' : `${count} ${count === 1 ? 'employee who has' : 'employees who have'} not been invited yet`;
    const ok = await this.confirm({
      title: 'Invite everyone not yet invited?',
      message: `Teamframe emails ${who} a personal link to upload a selfie.`,
      confirmLabel: count === null ? 'Send invites' : `Invite ${count}`,
    });
    if (!ok) return;
    await this.invite({ allNotInvited: true }, 'Invites sent');
  }

  private async invite(request: InviteRequest, verb: string): Promise<boolean> {
    let ok = false;
    await this.run(async () => {
      const result = await firstValueFrom(this.api.invite(request));
      this.snackBar.open(describeInvites(result, verb), 'OK', { duration: 8000 });
      ok = true;
    });
    return ok;
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await action();
      this.afterChange();
    } catch (err) {
      this.snackBar.open(toDisplayError(err).message, 'Dismiss', { duration: 10000 });
    } finally {
      this.busy.set(false);
    }
  }

  private afterChange(): void {
    this.reload();
    this.loadDepartments();
    this.needsAttention()?.reload();
  }

  private async openEmployeeDialog(data: EmployeeDialogData): Promise<EmployeeDto | undefined> {
    const ref = this.dialog.open<EmployeeDialogComponent, EmployeeDialogData, EmployeeDto>(EmployeeDialogComponent, {
      data,
      width: '560px',
      maxWidth: '95vw',
    });
    return firstValueFrom(ref.afterClosed());
  }

  private confirm(data: ConfirmDialogData): Promise<boolean> {
    return confirmed(this.dialog, data, '440px');
  }

  private loadCustomFields(): void {
    this.api.customFields().subscribe({ next: (list) => this.customFields.set(list), error: () => this.customFields.set([]) });
  }

  private loadDepartments(): void {
    this.api.departments().subscribe({
      next: (list) => {
        this.departments.set(list);
        this.departmentsError.set(false);
      },
      error: () => this.departmentsError.set(true),
    });
  }
}

/** "Invites sent: 3. Skipped 1: The employee is deactivated." */
export function describeInvites(result: InviteResult, verb: string): string {
  const parts = [`${verb}: ${result.invited}.`];
  if (result.skipped.length) {
    const reasons = new Map<string, number>();
    for (const s of result.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    const why = [...reasons]
      .map(([reason, n]) => (reasons.size > 1 ? `${reason.replace(/\.$/, '')} (${n})` : reason.replace(/\.$/, '')))
      .join('; ');
    parts.push(`Skipped ${result.skipped.length}: ${why}.`);
  }
  return parts.join(' ');
}

const SORT_LABELS: Record<EmployeeSortField, string> = {
  lastName: 'last name',
  firstName: 'first name',
  email: 'email',
  department: 'department',
  title: 'title',
  status: 'status',
  createdAt: 'date added',
};

