import { computed, effect, inject, signal, untracked, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { Page } from '@teamframe/shared-types';
import { catchError, combineLatest, debounceTime, distinctUntilChanged, EMPTY, map, type Observable, of, startWith, Subject, switchMap } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ListQuery, listViewFromParams, listViewToParams, oneOf } from './list-query';

/** While a page loads or after it failed, the last page stays on screen (dimmed by the page). */
export type ListState<T> =
  | { kind: 'loading'; previous: Page<T> | null }
  | { kind: 'loaded'; page: Page<T> }
  | { kind: 'error'; error: DisplayError; previous: Page<T> | null };

/** What a list page's request is built from. */
export interface ListRequest<F> {
  /** 1-based, as the API counts. */
  page: number;
  pageSize: number;
  /** The search text, trimmed, after the typing paused. */
  q: string;
  filters: F;
}

/** How long the search waits for typing to pause, so each keystroke is not a query. */
export const SEARCH_DEBOUNCE_MS = 300;

export interface PagedListOptions<T, F extends object, P> {
  pageSize: number;
  /** The filters' cleared values. */
  filters: F;
  /** Filters the page opens with (e.g. from a link's query parameter). */
  initial?: Partial<F>;
  /** The API request for the current query; null keeps the last page (a filter that cannot be asked yet). */
  request: (r: ListRequest<F>) => P | null;
  load: (params: P) => Observable<Page<T>>;
  /** Called with every page that arrives. */
  loaded?: (page: Page<T>) => void;
  /**
   * The list's filters, search, page and size live in the page's address (`?department=Sales&page=2`),
   * so a reload, Back or a link shared with a colleague shows the same list. `sizes`: the page sizes
   * the paginator offers (another size in the address is ignored). `initial` wins over the address.
   */
  address?: { sizes: readonly number[] };
}

/**
 * One server-paged, filtered list: the query (ListQuery) plus loading it again whenever it changes
 * or on reload(), newest request wins. Create it in a field initialiser (it needs the injection
 * context to stop with its component).
 */
export class PagedList<T, F extends object, P> extends ListQuery<F> {
  /** The search text the request uses: trimmed, after the typing paused. */
  readonly q: Signal<string>;
  readonly state = signal<ListState<T>>({ kind: 'loading', previous: null });
  /** The page on screen: the loaded one, or the last one while the next loads or after it failed. */
  readonly page = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.page : s.previous;
  });
  readonly items = computed(() => this.page()?.items ?? []);
  readonly loading = computed(() => this.state().kind === 'loading');
  readonly error = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  /** Whether the search or a filter narrows the list (for "N match" and the empty state's "Clear filters"). */
  readonly filtered = computed(() => !!this.q() || this.filtersSet());
  private readonly reload$ = new Subject<void>();

  constructor(options: PagedListOptions<T, F, P>) {
    const route = options.address ? inject(ActivatedRoute) : null;
    const fromAddress = route ? listViewFromParams((n) => route.snapshot.queryParamMap.get(n), options.filters, { defaultSize: options.pageSize, sizes: options.address!.sizes }) : null;
    super(options.filters, { pageSize: fromAddress?.pageSize ?? options.pageSize, initial: { ...fromAddress?.filters, ...options.initial } });
    if (fromAddress?.q) this.searchText.set(fromAddress.q);
    if (fromAddress?.pageIndex) this.pageIndex.set(fromAddress.pageIndex);
    this.q = toSignal(
      toObservable(this.searchText).pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((v) => v.trim()),
        distinctUntilChanged(),
      ),
      { initialValue: this.searchText().trim() },
    );
    if (route) this.keepInAddress(route, options.filters, options.pageSize);
    const params = computed(() => options.request({ page: this.pageIndex() + 1, pageSize: this.pageSize(), q: this.q(), filters: this.filters() }));
    combineLatest([toObservable(params), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([p]) => {
          if (p === null) return EMPTY;
          this.state.update((s) => ({ kind: 'loading', previous: s.kind === 'loaded' ? s.page : s.previous }));
          return options.load(p).pipe(
            map((page): ListState<T> => ({ kind: 'loaded', page })),
            catchError((err: unknown) => of<ListState<T>>({ kind: 'error', error: toDisplayError(err), previous: this.page() })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind === 'loaded') options.loaded?.(state.page);
      });
  }

  /** Loads the same page again (after an error, or when something changed elsewhere). */
  reload(): void {
    this.reload$.next();
  }

  /** Writes each change of the view into the address, replacing the entry: Back leaves the page, not the last filter. */
  private keepInAddress(route: ActivatedRoute, cleared: F, defaultPageSize: number): void {
    const router = inject(Router);
    effect(() => {
      const params = listViewToParams({ filters: this.filters(), q: this.q(), pageIndex: this.pageIndex(), pageSize: this.pageSize() }, cleared, defaultPageSize);
      untracked(() => {
        const now = route.snapshot.queryParamMap;
        if (Object.entries(params).every(([k, v]) => now.get(k) === v)) return;
        void router.navigate([], { relativeTo: route, queryParams: params, queryParamsHandling: 'merge', replaceUrl: true });
      });
    });
  }
}

/** The page's query parameter `name` when it is one of `allowed`, else `fallback`; read once, when the page opens. */
export function queryParamChoice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  return oneOf(inject(ActivatedRoute).snapshot.queryParamMap.get(name), allowed, fallback);
}
