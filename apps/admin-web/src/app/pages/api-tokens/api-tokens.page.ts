import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { ApiTokenDto, UserRole } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ROLE_LABELS } from '../../core/api-types';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { SecretOnceComponent } from '../../shared/secret-once/secret-once.component';
import { ApiTokensApi } from './api-tokens-api.service';

type ListState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

@Component({
  selector: 'tf-api-tokens-page',
  imports: [DatePipe, ReactiveFormsModule, MatTableModule, MatButton, MatIcon, MatFormField, MatLabel, MatError, MatInput, MatSelect, MatOption, MatProgressBar, ErrorBannerComponent, SecretOnceComponent],
  templateUrl: './api-tokens.page.html',
  styleUrl: './api-tokens.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiTokensPage {
  private readonly api = inject(ApiTokensApi);
  private readonly dialog = inject(MatDialog);

  protected readonly roles = Object.keys(ROLE_LABELS) as UserRole[];
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly expiries = [
    { days: 30, label: '30 days' },
    { days: 90, label: '90 days' },
    { days: 365, label: 'One year' },
    { days: 730, label: 'Two years' },
  ];
  protected readonly columns = ['name', 'role', 'used', 'expires', 'actions'];
  private readonly formDir = viewChild.required(FormGroupDirective);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    role: ['hr_admin' as UserRole, [Validators.required]],
    expiresInDays: [90, [Validators.required]],
  });

  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly listError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly tokens = signal<ApiTokenDto[]>([]);
  protected readonly saving = signal(false);
  protected readonly actionError = signal<DisplayError | null>(null);
  protected readonly created = signal<{ name: string; secret: string } | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      this.tokens.set(await firstValueFrom(this.api.list()));
      this.state.set({ kind: 'loaded' });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected roleLabel(t: ApiTokenDto): string {
    return ROLE_LABELS[t.role];
  }

  protected isLive(t: ApiTokenDto): boolean {
    return !t.revokedAt && new Date(t.expiresAt).getTime() > Date.now();
  }

  protected async create(): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.actionError.set(null);
    const v = this.form.getRawValue();
    try {
      const res = await firstValueFrom(this.api.create({ name: v.name.trim(), role: v.role, expiresInDays: v.expiresInDays }));
      this.created.set({ name: res.item.name, secret: res.secret });
      this.tokens.update((list) => [res.item, ...list]);
      // resetForm, not reset: it also clears the submitted state, so the empty fields do not show errors.
      this.formDir().resetForm({ name: '', role: 'hr_admin', expiresInDays: 90 });
    } catch (err) {
      this.actionError.set(toDisplayError(err));
    } finally {
      this.saving.set(false);
    }
  }

  protected async revoke(t: ApiTokenDto): Promise<void> {
    if (!(await confirmed(this.dialog, { title: `Revoke “${t.name}”?`, message: 'Scripts using this token stop working at once. This cannot be undone.', confirmLabel: 'Revoke', destructive: true }))) return;
    this.actionError.set(null);
    try {
      const saved = await firstValueFrom(this.api.revoke(t.id));
      this.tokens.update((list) => list.map((x) => (x.id === saved.id ? saved : x)));
    } catch (err) {
      this.actionError.set(toDisplayError(err));
    }
  }
}
