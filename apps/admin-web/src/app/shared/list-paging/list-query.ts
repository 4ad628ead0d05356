import { computed, signal, type Signal, type WritableSignal } from '@angular/core';

/** Which page of a list, as MatPaginator's `page` event gives it. */
export interface PageTurn {
  pageIndex: number;
  pageSize: number;
}

/**
 * What a list page asks for: its filters, the search text and which page. Every change to what is
 * shown (a filter, the search, clearing them) goes back to the first page, so nobody lands on page 4
 * of a list that now has one. Plain signals, no Angular runtime: PagedList adds the loading.
 */
export class ListQuery<F extends object> {
  private readonly filterValues: WritableSignal<F>;
  /** The filters as they are now; `cleared` is what "Clear filters" returns to. */
  readonly filters: Signal<F>;
  /** What the user typed in the search box (the request uses a debounced copy). */
  readonly searchText = signal('');
  readonly pageIndex = signal(0);
  readonly pageSize: WritableSignal<number>;
  /** Whether a filter differs from its cleared value (the search is not counted here). */
  readonly filtersSet = computed(() => {
    const now = this.filters();
    return (Object.keys(this.cleared) as (keyof F)[]).some((k) => now[k] !== this.cleared[k]);
  });

  constructor(
    private readonly cleared: F,
    options: { pageSize: number; initial?: Partial<F> },
  ) {
    this.filterValues = signal({ ...cleared, ...options.initial });
    this.filters = this.filterValues.asReadonly();
    this.pageSize = signal(options.pageSize);
  }

  setFilter<K extends keyof F>(key: K, value: F[K]): void {
    this.filterValues.update((f) => ({ ...f, [key]: value }));
    this.firstPage();
  }

  search(text: string): void {
    this.searchText.set(text);
    this.firstPage();
  }

  /** The search box emptied and every filter back to its cleared value. */
  clear(): void {
    this.searchText.set('');
    this.filterValues.set({ ...this.cleared });
    this.firstPage();
  }

  firstPage(): void {
    this.pageIndex.set(0);
  }

  turnPage(turn: PageTurn): void {
    this.pageSize.set(turn.pageSize);
    this.pageIndex.set(turn.pageIndex);
  }
}

/** A query parameter's value when it is one of `allowed` (a link such as `?status=invited`), else `fallback`. */
export function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[], fallback: T): T {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
