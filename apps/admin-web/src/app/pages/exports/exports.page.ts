import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel, MatPrefix, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { CreateExportRequest, ExportDto, ExportScope, ReviewItemDto } from '@teamframe/shared-types';
import { catchError, debounceTime, distinctUntilChanged, firstValueFrom, map, of, switchMap, type Subscription, timer } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { applyServerErrors, errorDetails } from '../../core/field-errors';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { OrganisationApi } from '../organisation/organisation-api.service';
import { ExportsApi } from './exports-api.service';
import {
  DEFAULT_NAMING,
  DEFAULT_RENDITIONS,
  displayState,
  formatBytes,
  isActive,
  namingProblem,
  NAMING_TOKENS,
  percent,
  renditionsFromMessage,
  scopeText,
  STATE_LABELS,
  renditionDetail,
} from './exports-format';

type ListState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };
type PeopleState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'loaded'; total: number } | { kind: 'error'; error: DisplayError };

const FIELD_LABELS: Record<string, string> = {
  scope: 'Who',
  department: 'The department',
  employeeIds: 'The selection',
  renditions: 'Renditions',
  naming: 'The naming pattern',
  includeEmail: 'Include email',
};

interface ExportView {
  e: ExportDto;
  state: ReturnType<typeof displayState>;
  label: string;
  percent: number;
  scope: string;
  size: string;
}

@Component({
  selector: 'tf-exports-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatButton,
    MatIconButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatPrefix,
    MatSuffix,
    MatInput,
    MatSelect,
    MatOption,
    MatRadioGroup,
    MatRadioButton,
    MatSlideToggle,
    MatIcon,
    MatProgressBar,
    ErrorBannerComponent,
  ],
  templateUrl: './exports.page.html',
  styleUrl: './exports.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportsPage {
  private readonly api = inject(ExportsApi);
  private readonly orgSettings = inject(OrganisationApi);
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);

  /** Owners and HR admins can browse the approved list; marketing cannot. */
  protected readonly canBrowse = computed(() => {
    const role = this.auth.user()?.role;
    return role === 'owner' || role === 'hr_admin';
  });

  // ----- the form -----
  protected readonly form = inject(NonNullableFormBuilder).group({
    scope: ['all' as ExportScope],
    department: [''],
    employeeIds: new FormControl<string[]>([], { nonNullable: true }),
    renditions: new FormControl<string[]>([], { nonNullable: true }),
    naming: [''],
    includeEmail: [false],
  });
  protected readonly scope = signal<ExportScope>('all');
  protected readonly renditionOptions = signal<string[]>([...DEFAULT_RENDITIONS]);
  /** Where the rendition names came from: the current style, or a guess marketing can correct. */
  protected readonly renditionSource = signal<'style' | 'defaults'>('defaults');
  /** Format, colour space and DPI of each of the style's renditions, by name. */
  protected readonly renditionDetails = signal<Record<string, string>>({});
  /** Every rendition of the style, until HR unticks some: an export is usually "everything". */
  protected readonly chosenRenditions = signal<ReadonlySet<string>>(new Set(DEFAULT_RENDITIONS));
  protected readonly styleNaming = signal(DEFAULT_NAMING);
  protected readonly namingTokens = NAMING_TOKENS.map((t) => `{${t}}`).join(' ');
  protected readonly departments = signal<string[]>([]);
  /** False for marketing until HR allows work e-mail addresses in its exports. */
  protected readonly emailsAllowed = signal(true);
  /** The org's setting for marketing (changed in Settings › Organisation); null until loaded, and for marketing, who cannot read it. */
  protected readonly marketingSeesEmails = signal<boolean | null>(null);
  protected readonly creating = signal(false);
  protected readonly createError = signal<DisplayError | null>(null);
  protected readonly renditionsError = signal<string | null>(null);
  protected readonly selectionError = signal<string | null>(null);

  // ----- selection of people (owners and HR) -----
  protected readonly peopleSearch = signal('');
  protected readonly people = signal<ReviewItemDto[]>([]);
  protected readonly peopleState = signal<PeopleState>({ kind: 'idle' });
  protected readonly peopleError = computed(() => {
    const s = this.peopleState();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly peopleTotal = computed(() => {
    const s = this.peopleState();
    return s.kind === 'loaded' ? s.total : 0;
  });
  /** Chosen people by employee id, kept while the search changes. */
  protected readonly chosen = signal<ReadonlyMap<string, string>>(new Map());

  // ----- the list -----
  protected readonly listState = signal<ListState>({ kind: 'loading' });
  protected readonly listError = computed(() => {
    const s = this.listState();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly exports = signal<ExportDto[]>([]);
  private readonly now = signal(Date.now());
  protected readonly views = computed<ExportView[]>(() => {
    const now = this.now();
    return this.exports().map((e) => {
      const state = displayState(e, now);
      return { e, state, label: STATE_LABELS[state], percent: percent(e), scope: scopeText(e), size: formatBytes(e.size) };
    });
  });
  private poller: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.poller?.unsubscribe());
    void this.load();
    void this.loadOptions();
    if (this.canBrowse()) {
      void this.loadMarketingSetting();
      toObservable(this.peopleSearch)
        .pipe(
          debounceTime(300),
          map((q) => q.trim()),
          distinctUntilChanged(),
          switchMap((q) => {
            this.peopleState.set({ kind: 'loading' });
            return this.api.approved(q).pipe(
              map((page) => ({ page, error: null as DisplayError | null })),
              catchError((err: unknown) => of({ page: null, error: toDisplayError(err) })),
            );
          }),
          takeUntilDestroyed(),
        )
        .subscribe(({ page, error }) => {
          if (page) {
            this.people.set(page.items);
            this.peopleState.set({ kind: 'loaded', total: page.total });
          } else if (error) {
            this.peopleState.set({ kind: 'error', error });
          }
        });
    }
  }

  protected async load(): Promise<void> {
    this.listState.set({ kind: 'loading' });
    try {
      const list = await firstValueFrom(this.api.list());
      this.exports.set(list);
      this.listState.set({ kind: 'loaded' });
      this.poll();
    } catch (err) {
      this.listState.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  // ----- form interactions -----

  protected setScope(value: ExportScope): void {
    this.scope.set(value);
    this.form.controls.scope.setValue(value);
    this.selectionError.set(null);
  }

  protected toggleRendition(name: string, checked: boolean): void {
    this.chosenRenditions.update((s) => {
      const next = new Set(s);
      if (checked) next.add(name);
      else next.delete(name);
      return next;
    });
    this.renditionsError.set(null);
  }

  protected isChosen(id: string): boolean {
    return this.chosen().has(id);
  }

  protected togglePerson(item: ReviewItemDto, checked: boolean): void {
    this.chosen.update((m) => {
      const next = new Map(m);
      if (checked) next.set(item.employeeId, `${item.firstName} ${item.lastName}`.trim());
      else next.delete(item.employeeId);
      return next;
    });
    this.selectionError.set(null);
  }

  protected unchoose(id: string): void {
    this.chosen.update((m) => {
      const next = new Map(m);
      next.delete(id);
      return next;
    });
  }

  protected chosenList(): { id: string; name: string }[] {
    return [...this.chosen()].map(([id, name]) => ({ id, name }));
  }

  protected async create(): Promise<void> {
    if (this.creating()) return;
    this.createError.set(null);
    const value = this.form.getRawValue();
    const scope = this.scope();
    const renditions = this.renditionOptions().filter((r) => this.chosenRenditions().has(r));
    let invalid = false;
    if (!renditions.length) {
      this.renditionsError.set('Choose at least one rendition.');
      invalid = true;
    }
    if (scope === 'department' && !value.department.trim()) {
      this.form.controls.department.setErrors({ required: true });
      this.form.controls.department.markAsTouched();
      invalid = true;
    }
    if (scope === 'selection' && this.chosen().size === 0) {
      this.selectionError.set('Choose at least one person.');
      invalid = true;
    }
    const namingError = namingProblem(value.naming);
    if (namingError) {
      this.form.controls.naming.setErrors({ server: namingError });
      this.form.controls.naming.markAsTouched();
      invalid = true;
    }
    if (invalid) return;

    const request: CreateExportRequest = { scope, renditions, includeEmail: value.includeEmail };
    if (scope === 'department') request.department = value.department.trim();
    if (scope === 'selection') request.employeeIds = [...this.chosen().keys()];
    if (value.naming.trim()) request.naming = value.naming.trim();

    this.creating.set(true);
    try {
      const created = await firstValueFrom(this.api.create(request));
      this.exports.update((list) => [created, ...list.filter((e) => e.id !== created.id)]);
      this.snackBar.open('Export started. It appears below with its progress.', 'OK', { duration: 4000 });
      this.poll();
    } catch (err) {
      this.showCreateError(err);
    } finally {
      this.creating.set(false);
    }
  }

  private showCreateError(err: unknown): void {
    const e = toDisplayError(err);
    const details = errorDetails(err);
    const renditionDetail = details.find((d) => d.path === 'renditions' || d.path.startsWith('renditions.'));
    if (renditionDetail) {
      const known = renditionsFromMessage(e.message);
      if (known.length) {
        // The style has other names than we guessed: offer those instead.
        this.renditionOptions.set(known);
        this.chosenRenditions.update((s) => new Set([...s].filter((r) => known.includes(r))));
      }
      this.renditionsError.set(e.message);
    }
    const selectionDetail = details.find((d) => d.path.startsWith('employeeIds'));
    if (selectionDetail) this.selectionError.set(`The selection ${selectionDetail.message}.`);
    const rest = details.filter((d) => d !== renditionDetail && d !== selectionDetail);
    if (rest.length) {
      const unclaimed = applyServerErrors(this.form, { error: { error: { details: rest } } }, FIELD_LABELS);
      if (unclaimed.length) this.createError.set(e);
    } else if (!details.length) {
      // 409 "nobody to export" and friends: the API's sentence says it best.
      this.createError.set(e);
    }
  }

  // ----- polling -----

  /** Every 2 s while an export is queued or running; stops by itself when none is. */
  private poll(): void {
    if (this.poller || !this.exports().some(isActive)) return;
    this.poller = timer(2000, 2000).subscribe(() => void this.refreshActive());
  }

  private async refreshActive(): Promise<void> {
    this.now.set(Date.now());
    const active = this.exports().filter(isActive);
    if (!active.length) {
      this.poller?.unsubscribe();
      this.poller = null;
      return;
    }
    const fresh = await Promise.all(active.map((e) => firstValueFrom(this.api.get(e.id)).catch(() => null)));
    const byId = new Map(fresh.filter((e): e is ExportDto => !!e).map((e) => [e.id, e]));
    this.exports.update((list) => list.map((e) => byId.get(e.id) ?? e));
    for (const e of byId.values()) {
      if (e.state === 'done') this.snackBar.open(`Export ready: ${e.people ?? 'all'} people, ${formatBytes(e.size)}.`, 'OK', { duration: 5000 });
      if (e.state === 'failed') this.snackBar.open(`An export failed: ${e.error ?? 'unknown error'}`, 'Dismiss', { duration: 8000 });
    }
  }

  protected downloadHref(e: ExportDto): string {
    return this.api.downloadHref(e);
  }

  // ----- what to offer -----

  private async loadMarketingSetting(): Promise<void> {
    try {
      this.marketingSeesEmails.set((await firstValueFrom(this.orgSettings.exports())).marketingSeesEmails);
    } catch {
      // The line is a pointer to Settings › Organisation, which shows the error; without it the form still works.
    }
  }

  private async loadOptions(): Promise<void> {
    try {
      const o = await firstValueFrom(this.api.options());
      this.departments.set(o.departments);
      this.emailsAllowed.set(o.emailsAllowed);
      if (!o.emailsAllowed) this.form.controls.includeEmail.setValue(false);
      if (o.naming) this.styleNaming.set(o.naming);
      if (o.renditions.length) {
        this.renditionOptions.set(o.renditions);
        this.renditionDetails.set(Object.fromEntries((o.renditionDetails ?? []).map((d) => [d.name, renditionDetail(d)])));
        this.renditionSource.set('style');
        this.chosenRenditions.set(new Set(o.renditions));
      }
    } catch {
      // Without the options the usual names are offered; the API lists the real ones if they differ.
    }
  }

}
