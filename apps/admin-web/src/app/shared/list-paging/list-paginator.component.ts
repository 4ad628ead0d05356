import { ChangeDetectionStrategy, Component, input, type Signal } from '@angular/core';
import { MatPaginator } from '@angular/material/paginator';
import type { Page } from '@teamframe/shared-types';
import { injectIsPhone } from '../../core/phone-layout';
import type { ListQuery } from './list-query';

/** What the paginator reads of a PagedList, whatever its rows and filters. */
export type PagedListView = Pick<ListQuery<object>, 'pageIndex' | 'pageSize' | 'turnPage'> & { page: Signal<Page<unknown> | null> };

/** The paginator under a PagedList's table; on a phone it leaves out the page size to fit one line. */
@Component({
  selector: 'tf-list-paginator',
  imports: [MatPaginator],
  template: `
    <mat-paginator
      [length]="total() ?? list().page()?.total ?? 0"
      [pageIndex]="list().pageIndex()"
      [pageSize]="list().pageSize()"
      [pageSizeOptions]="sizes()"
      [hidePageSize]="isPhone()"
      (page)="list().turnPage($event)"
      [attr.aria-label]="label()"
    />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListPaginatorComponent {
  readonly list = input.required<PagedListView>();
  readonly sizes = input.required<number[]>();
  /** The paginator's accessible name, e.g. "Pages of employees". */
  readonly label = input.required<string>();
  /** Replaces the list's total (the audit log shows none while its date range is wrong). */
  readonly total = input<number | null>(null);

  protected readonly isPhone = injectIsPhone();
}
