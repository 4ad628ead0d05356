import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { WEBHOOK_EVENTS, type WebhookDeliveryDto, type WebhookEndpointDto, type WebhookEventType } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog.component';
import { PageAction } from '../../shared/page-action';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { SecretOnceComponent } from '../../shared/secret-once/secret-once.component';
import { WebhooksApi } from './webhooks-api.service';

const EVENT_SENTENCES: Record<WebhookEventType, string> = {
  'headshot.approved': 'A headshot was approved',
  'headshot.rejected': 'A headshot was rejected',
  'employee.photo_uploaded': 'An employee sent a selfie',
  'export.ready': 'An export ZIP is ready',
  'campaign.ended': 'A campaign ended',
};

@Component({
  selector: 'tf-webhooks-page',
  imports: [DatePipe, ReactiveFormsModule, MatTableModule, MatButton, MatCheckbox, MatIcon, MatFormField, MatLabel, MatHint, MatError, MatInput, MatProgressBar, ErrorBannerComponent, SecretOnceComponent],
  templateUrl: './webhooks.page.html',
  styleUrl: './webhooks.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WebhooksPage {
  private readonly api = inject(WebhooksApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  // WEBHOOK_EVENTS is a plain array constant, so this import brings no schema library into the bundle.
  protected readonly events = WEBHOOK_EVENTS;
  protected readonly eventSentences = EVENT_SENTENCES;
  protected readonly deliveryColumns = ['at', 'event', 'attempt', 'result'];
  private readonly formDir = viewChild.required(FormGroupDirective);
  protected readonly form = inject(NonNullableFormBuilder).group({
    url: ['', [Validators.required, Validators.pattern(/^https?:\/\/\S+$/)]],
    description: ['', [Validators.maxLength(200)]],
  });
  protected readonly chosen = signal<ReadonlySet<WebhookEventType>>(new Set(WEBHOOK_EVENTS));

  protected readonly endpoints = signal<WebhookEndpointDto[] | null>(null);
  protected readonly loadError = signal<DisplayError | null>(null);
  private readonly action = new PageAction();
  protected readonly actionError = this.action.error;
  protected readonly saving = this.action.running;
  protected readonly created = signal<{ label: string; secret: string } | null>(null);
  protected readonly openLog = signal<string | null>(null);
  protected readonly log = signal<WebhookDeliveryDto[] | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.endpoints.set(await firstValueFrom(this.api.list()));
    } catch (err) {
      this.loadError.set(toDisplayError(err));
    }
  }

  protected toggleEvent(e: WebhookEventType, on: boolean): void {
    this.chosen.update((s) => {
      const next = new Set(s);
      if (on) next.add(e);
      else next.delete(e);
      return next;
    });
  }

  protected async create(): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid || this.chosen().size === 0) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    await this.action.run(async () => {
      const res = await firstValueFrom(this.api.create({ url: v.url.trim(), description: v.description.trim(), events: WEBHOOK_EVENTS.filter((e) => this.chosen().has(e)) }));
      this.created.set({ label: `Signing secret for ${res.item.url}`, secret: res.secret });
      this.endpoints.update((list) => [...(list ?? []), res.item]);
      // resetForm, not reset: it also clears the submitted state, so the empty fields do not show errors.
      this.formDir().resetForm({ url: '', description: '' });
    });
  }

  protected async sendTest(e: WebhookEndpointDto): Promise<void> {
    await this.action.run(async () => {
      await firstValueFrom(this.api.sendTest(e.id));
      this.snackBar.open('Test event queued. Its result appears in the delivery log within seconds.', 'OK', { duration: 5000 });
      if (this.openLog() === e.id) setTimeout(() => void this.showLog(e, true), 2000);
    });
  }

  protected async setEnabled(e: WebhookEndpointDto, enabled: boolean): Promise<void> {
    await this.action.run(async () => this.replace(await firstValueFrom(this.api.update(e.id, { enabled }))));
  }

  protected async rotate(e: WebhookEndpointDto): Promise<void> {
    if (!(await this.ask('Rotate the signing secret?', 'Deliveries carry signatures with both secrets for 24 hours; update your receiver within that time.', 'Rotate'))) return;
    await this.action.run(async () => {
      const res = await firstValueFrom(this.api.rotateSecret(e.id));
      this.replace(res.item);
      this.created.set({ label: `New signing secret for ${res.item.url}`, secret: res.secret });
    });
  }

  protected async remove(e: WebhookEndpointDto): Promise<void> {
    if (!(await this.ask(`Remove ${e.url}?`, 'No more events go there, and its delivery log is deleted.', 'Remove'))) return;
    await this.action.run(async () => {
      await firstValueFrom(this.api.remove(e.id));
      this.endpoints.update((list) => (list ?? []).filter((x) => x.id !== e.id));
    });
  }

  protected async showLog(e: WebhookEndpointDto, refresh = false): Promise<void> {
    if (this.openLog() === e.id && !refresh) {
      this.openLog.set(null);
      return;
    }
    this.openLog.set(e.id);
    this.log.set(null);
    try {
      this.log.set(await firstValueFrom(this.api.deliveries(e.id)));
    } catch (err) {
      this.actionError.set(toDisplayError(err));
    }
  }

  private replace(saved: WebhookEndpointDto): void {
    this.endpoints.update((list) => (list ?? []).map((x) => (x.id === saved.id ? saved : x)));
  }

  private ask(title: string, message: string, confirmLabel: string): Promise<boolean> {
    return confirmed(this.dialog, { title, message, confirmLabel, destructive: true });
  }
}
