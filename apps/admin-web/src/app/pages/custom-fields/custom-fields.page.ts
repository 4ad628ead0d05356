import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { type CustomFieldDto, MAX_CUSTOM_FIELDS } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { CustomFieldDialogComponent, type CustomFieldDialogData } from './custom-field-dialog.component';
import { CustomFieldsApi } from './custom-fields-api.service';
import { deleteMessage, valuesRemovedSentence } from './custom-fields-text';

type ListState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

/** Settings › Custom fields: HR's own employee fields (pronouns, office…), their order and team-page visibility. */
@Component({
  selector: 'tf-custom-fields-page',
  imports: [RouterLink, MatButton, MatIconButton, MatIcon, MatProgressBar, MatSlideToggle, MatTooltip, ErrorBannerComponent],
  templateUrl: './custom-fields.page.html',
  styleUrl: './custom-fields.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CustomFieldsPage {
  private readonly api = inject(CustomFieldsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly max = MAX_CUSTOM_FIELDS;
  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly listError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly fields = signal<CustomFieldDto[]>([]);
  protected readonly full = computed(() => this.fields().length >= MAX_CUSTOM_FIELDS);
  /** One change at a time: moves renumber the whole list on the server. */
  protected readonly busyId = signal<string | null>(null);
  protected readonly actionError = signal<DisplayError | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      this.fields.set(await firstValueFrom(this.api.list()));
      this.state.set({ kind: 'loaded' });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async add(): Promise<void> {
    const saved = await this.openDialog({});
    if (!saved) return;
    this.fields.update((list) => [...list, saved]);
    this.snackBar.open(`Added "${saved.label}". It is now in the employee dialog, the CSV files and exports.`, 'OK', { duration: 5000 });
  }

  protected async rename(field: CustomFieldDto): Promise<void> {
    const saved = await this.openDialog({ field });
    if (!saved) return;
    this.fields.update((list) => list.map((f) => (f.id === saved.id ? saved : f)));
    this.snackBar.open(`Renamed to "${saved.label}". Every value is kept.`, 'OK', { duration: 4000 });
  }

  protected async setShown(field: CustomFieldDto, showOnTeamPage: boolean): Promise<void> {
    await this.run(field, async () => {
      const saved = await firstValueFrom(this.api.update(field.id, { showOnTeamPage }));
      this.fields.update((list) => list.map((f) => (f.id === saved.id ? saved : f)));
    }, () => this.fields.update((list) => list.map((f) => (f.id === field.id ? { ...field } : f))));
  }

  protected async move(field: CustomFieldDto, by: -1 | 1): Promise<void> {
    const position = this.fields().indexOf(field) + by;
    if (position < 0 || position >= this.fields().length) return;
    await this.run(field, async () => {
      await firstValueFrom(this.api.update(field.id, { position }));
      this.fields.set(await firstValueFrom(this.api.list()));
    });
  }

  protected async remove(field: CustomFieldDto): Promise<void> {
    if (!(await confirmed(this.dialog, { title: `Delete "${field.label}"?`, message: deleteMessage(field.label), confirmLabel: 'Delete field and values', destructive: true }, '440px'))) return;
    await this.run(field, async () => {
      const { valuesRemoved } = await firstValueFrom(this.api.remove(field.id));
      this.fields.set(await firstValueFrom(this.api.list()));
      this.snackBar.open(valuesRemovedSentence(field.label, valuesRemoved), 'OK', { duration: 6000 });
    });
  }

  private async run(field: CustomFieldDto, action: () => Promise<void>, undo?: () => void): Promise<void> {
    if (this.busyId()) return;
    this.actionError.set(null);
    this.busyId.set(field.id);
    try {
      await action();
    } catch (err) {
      undo?.();
      this.actionError.set(toDisplayError(err));
    } finally {
      this.busyId.set(null);
    }
  }

  private openDialog(data: CustomFieldDialogData): Promise<CustomFieldDto | undefined> {
    const ref = this.dialog.open<CustomFieldDialogComponent, CustomFieldDialogData, CustomFieldDto>(CustomFieldDialogComponent, {
      data,
      width: '480px',
      maxWidth: '95vw',
    });
    return firstValueFrom(ref.afterClosed());
  }
}
