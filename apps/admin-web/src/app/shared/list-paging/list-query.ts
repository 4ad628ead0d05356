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

/** What a list shows, as its address keeps it: filters, search text, page (0-based here) and page size. */
export interface ListView<F> {
  filters: F;
  q: string;
  pageIndex: number;
  pageSize: number;
}

/** The query parameters a list writes so a reload, a shared link or Back shows the same list. */
const SEARCH_PARAM = 'q';
const PAGE_PARAM = 'page';
const SIZE_PARAM = 'size';

/**
 * The address's query parameters for a list view: only what differs from the list's cleared state
 * (null removes a parameter), the page counted from 1 as people do.
 */
export function listViewToParams<F extends object>(view: ListView<F>, cleared: F, defaultPageSize: number): Record<string, string | null> {
  const params: Record<string, string | null> = {};
  for (const key of Object.keys(cleared) as (keyof F & string)[]) {
    const value = view.filters[key];
    params[key] = value === cleared[key] ? null : String(value);
  }
  params[SEARCH_PARAM] = view.q || null;
  params[PAGE_PARAM] = view.pageIndex > 0 ? String(view.pageIndex + 1) : null;
  params[SIZE_PARAM] = view.pageSize !== defaultPageSize ? String(view.pageSize) : null;
  return params;
}

/**
 * The list view an address asks for. Text filters take the parameter as it is (the API validates it and
 * the list shows its error); a yes/no filter is on for "true" only; a page or size that is not a
 * positive whole number (or a size not offered) is ignored.
 */
export function listViewFromParams<F extends object>(
  get: (name: string) => string | null,
  cleared: F,
  page: { defaultSize: number; sizes: readonly number[] },
): Partial<Omit<ListView<F>, 'filters'>> & { filters: Partial<F> } {
  const filters: Partial<F> = {};
  for (const key of Object.keys(cleared) as (keyof F & string)[]) {
    const raw = get(key);
    if (raw === null) continue;
    filters[key] = (typeof cleared[key] === 'boolean' ? raw === 'true' : raw) as F[typeof key];
  }
  const whole = (raw: string | null) => (raw !== null && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null);
  const pageNumber = whole(get(PAGE_PARAM));
  const size = whole(get(SIZE_PARAM));
  return {
    filters,
    ...(get(SEARCH_PARAM) ? { q: get(SEARCH_PARAM)! } : {}),
    ...(pageNumber ? { pageIndex: pageNumber - 1 } : {}),
    ...(size && page.sizes.includes(size) ? { pageSize: size } : {}),
  };
}
