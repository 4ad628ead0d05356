import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MatOption } from '@angular/material/core';
import { MatDatepicker, MatDatepickerInput, MatDatepickerToggle } from '@angular/material/datepicker';
import { MatDialogRef } from '@angular/material/dialog';
import { MatSuffix } from '@angular/material/form-field';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatSelect } from '@angular/material/select';
import type { CampaignAudience, CampaignAudiencePreview, CampaignCreateResult } from '@teamframe/shared-types';
import { catchError, debounceTime, distinctUntilChanged, firstValueFrom, map, of, startWith, switchMap } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { applyServerErrors } from '../../core/field-errors';
import { focusFirstInvalid } from '../../core/form-submission';
import { FORM_DIALOG_IMPORTS } from '../../shared/form-dialog';
import { plural, toCalendarDay } from './campaign-format';
import { CampaignsApi } from './campaigns-api.service';
import { type CsvEmails, extractCsvEmails } from './csv-emails';

type AudienceKind = CampaignAudience['kind'];

type PreviewState =
  | { kind: 'idle' }
  | { kind: 'loading'; previous: CampaignAudiencePreview | null }
  | { kind: 'loaded'; preview: CampaignAudiencePreview }
  | { kind: 'error'; error: DisplayError };

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  audience: 'The audience',
  dueOn: 'Due date',
  'audience.department': 'Department',
  'audience.since': 'Start date',
  'audience.emails': 'The address list',
  reminderEveryDays: 'Reminder interval',
};

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_EMAILS = 10_000;

/** Starts a campaign: who, by when, how often to remind. Closes with the API's result. */
@Component({
  selector: 'tf-new-campaign-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatCheckbox, MatSuffix, MatSelect, MatOption, MatRadioGroup, MatRadioButton, MatDatepicker, MatDatepickerInput, MatDatepickerToggle, MatIcon],
  // The native adapter is enough: the form only needs calendar days, sent as YYYY-MM-DD.
  templateUrl: './new-campaign-dialog.component.html',
  styleUrl: './new-campaign-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewCampaignDialogComponent {
  private readonly api = inject(CampaignsApi);
  private readonly dialogRef = inject<MatDialogRef<NewCampaignDialogComponent, CampaignCreateResult>>(MatDialogRef);

  protected readonly today = startOfToday();
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    dueOn: [addDays(this.today, 14) as Date | null, [Validators.required]],
    audience: inject(NonNullableFormBuilder).group({
      kind: ['everyone' as AudienceKind],
      department: [''],
      since: [null as Date | null],
    }),
    reminderEveryDays: [3, [Validators.required, Validators.min(1), Validators.max(30)]],
    /** People with a live invite link keep it (no second mail) unless HR chooses fresh links. */
    keepLiveInvites: [true],
  });

  protected readonly departments = toSignal(this.api.departments().pipe(catchError(() => of(null))), { initialValue: [] as string[] | null });
  protected readonly csv = signal<(CsvEmails & { fileName: string }) | null>(null);
  protected readonly csvError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal<DisplayError | null>(null);
  private readonly firstInput = viewChild.required<ElementRef<HTMLInputElement>>('first');

  private readonly audienceValue = toSignal(this.form.controls.audience.valueChanges.pipe(startWith(this.form.controls.audience.getRawValue())), {
    requireSync: true,
  });
  protected readonly audienceKind = computed(() => this.audienceValue().kind ?? 'everyone');

  /** The audience as the API wants it, or null while the chosen kind still lacks its detail. */
  protected readonly audience = computed<CampaignAudience | null>(() => {
    const a = this.audienceValue();
    switch (a.kind) {
      case 'everyone':
        return { kind: 'everyone' };
      case 'department':
        return a.department ? { kind: 'department', department: a.department } : null;
      case 'list': {
        const emails = this.csv()?.emails ?? [];
        return emails.length && emails.length <= MAX_EMAILS ? { kind: 'list', emails } : null;
      }
      case 'new_since':
        return a.since instanceof Date && !Number.isNaN(a.since.getTime()) ? { kind: 'new_since', since: toCalendarDay(a.since) } : null;
      default:
        return null;
    }
  });

  protected readonly preview = signal<PreviewState>({ kind: 'idle' });
  protected readonly previewCount = computed(() => {
    const p = this.preview();
    return p.kind === 'loaded' ? p.preview.count : p.kind === 'loading' ? (p.previous?.count ?? null) : null;
  });
  protected readonly unknownEmails = computed(() => {
    const p = this.preview();
    return p.kind === 'loaded' ? p.preview.unknownEmails : [];
  });
  /** Members who already hold a working invite link, from an earlier send: HR decides whether to keep it. */
  protected readonly liveInvites = computed(() => {
    const p = this.preview();
    const live = p.kind === 'loaded' ? p.preview.liveInvites : null;
    return live && live.count > 0 ? live : null;
  });
  protected readonly liveNames = computed(() => {
    const live = this.liveInvites();
    if (!live) return '';
    const more = live.count - live.names.length;
    return live.names.join(', ') + (more > 0 ? ` and ${plural(more, 'other', 'others')}` : '');
  });
  protected readonly previewError = computed(() => {
    const p = this.preview();
    return p.kind === 'error' ? p.error : null;
  });
  protected readonly previewSentence = computed(() => {
    const n = this.previewCount();
    if (n === null) return null;
    return n === 0 ? 'Nobody matches this audience yet.' : `This campaign will invite ${plural(n, 'person', 'people')}.`;
  });
  protected readonly plural = plural;

  constructor() {
    // Ask the server again whenever the audience settles; switchMap drops answers for an older audience.
    toObservable(this.audience)
      .pipe(
        map((a) => (a ? JSON.stringify(a) : null)),
        distinctUntilChanged(),
        debounceTime(250),
        switchMap((key) => {
          if (!key) return of<PreviewState>({ kind: 'idle' });
          this.preview.update((p) => ({ kind: 'loading', previous: p.kind === 'loaded' ? p.preview : p.kind === 'loading' ? p.previous : null }));
          return this.api.previewAudience(JSON.parse(key) as CampaignAudience).pipe(
            map((preview): PreviewState => ({ kind: 'loaded', preview })),
            catchError((err: unknown) => of<PreviewState>({ kind: 'error', error: toDisplayError(err) })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.preview.set(state));
  }

  protected async pickFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0] ?? null;
    // Reset so choosing the same (fixed) file again still fires a change event.
    input.value = '';
    if (!file) return;
    this.csvError.set(null);
    if (file.size > MAX_FILE_BYTES) {
      this.csv.set(null);
      this.csvError.set('This file is larger than 2 MB. Keep only the email column and try again.');
      return;
    }
    const result = extractCsvEmails(await file.text());
    this.csv.set({ ...result, fileName: file.name });
    if (result.emails.length === 0) this.csvError.set('No email addresses found in this file.');
    else if (result.emails.length > MAX_EMAILS) this.csvError.set(`This file has ${result.emails.length} addresses; a campaign takes at most ${MAX_EMAILS}.`);
  }

  protected async start(): Promise<void> {
    if (this.saving()) return;
    const audience = this.audience();
    if (this.form.invalid || !audience) {
      this.form.markAllAsTouched();
      if (!audience && this.audienceKind() === 'department') this.form.controls.audience.controls.department.setErrors({ required: true });
      if (!audience && this.audienceKind() === 'new_since') this.form.controls.audience.controls.since.setErrors({ required: true });
      if (!audience && this.audienceKind() === 'list' && !this.csvError()) this.csvError.set('Choose a CSV file with the addresses.');
      this.focusFirstInvalid();
      return;
    }
    const value = this.form.getRawValue();
    this.saving.set(true);
    this.error.set(null);
    try {
      const result = await firstValueFrom(
        this.api.create({
          name: value.name.trim(),
          dueOn: toCalendarDay(value.dueOn!),
          audience,
          reminderEveryDays: value.reminderEveryDays,
          keepLiveInvites: this.liveInvites() ? value.keepLiveInvites : false,
        }),
      );
      this.dialogRef.close(result);
    } catch (err) {
      const unclaimed = applyServerErrors(this.form, err, FIELD_LABELS);
      // "audience" as a whole (e.g. it matches nobody) lands on the group, which has no field to show it.
      const audienceError = this.form.controls.audience.getError('server') as string | undefined;
      if (audienceError) unclaimed.push(audienceError);
      // Field errors sit under their fields; the banner carries the rest (network, 403, 5xx, the list).
      if (unclaimed.length) this.error.set({ ...toDisplayError(err), message: unclaimed.join(' ') });
      this.focusFirstInvalid();
    } finally {
      this.saving.set(false);
    }
  }

  private focusFirstInvalid(): void {
    focusFirstInvalid(this.firstInput().nativeElement, 'input.ng-invalid, mat-select.ng-invalid');
  }
}

function startOfToday(): Date {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
}

function addDays(d: Date, days: number): Date {
  const copy = new Date(d);
  copy.setDate(copy.getDate() + days);
  return copy;
}
