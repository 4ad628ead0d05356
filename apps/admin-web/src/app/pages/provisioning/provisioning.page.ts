import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { ScimSettingsDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog.component';
import { PageAction } from '../../shared/page-action';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { SecretOnceComponent } from '../../shared/secret-once/secret-once.component';
import { ProvisioningApi } from './provisioning-api.service';

/** SCIM 2.0 provisioning from Okta, Entra ID and other identity providers: the base URL, the token, DELETE behaviour. */
@Component({
  selector: 'tf-provisioning-page',
  imports: [DatePipe, MatButton, MatIcon, MatProgressBar, MatSlideToggle, ErrorBannerComponent, SecretOnceComponent],
  templateUrl: './provisioning.page.html',
  styleUrl: './provisioning.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProvisioningPage {
  private readonly api = inject(ProvisioningApi);
  private readonly dialog = inject(MatDialog);

  protected readonly settings = signal<ScimSettingsDto | null>(null);
  protected readonly loadError = signal<DisplayError | null>(null);
  private readonly action = new PageAction();
  protected readonly actionError = this.action.error;
  protected readonly busy = this.action.running;
  protected readonly secret = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.settings.set(await firstValueFrom(this.api.get()));
    } catch (err) {
      this.loadError.set(toDisplayError(err));
    }
  }

  protected async createToken(): Promise<void> {
    if (this.settings()?.token && !(await this.ask('Replace the SCIM token?', 'The identity provider stops provisioning until you paste the new token there.', 'Replace'))) return;
    await this.action.run(async () => {
      const res = await firstValueFrom(this.api.createToken());
      this.settings.set(res.item);
      this.secret.set(res.secret);
    });
  }

  protected async revokeToken(): Promise<void> {
    if (!(await this.ask('Revoke the SCIM token?', 'Provisioning stops at once. People already provisioned stay as they are.', 'Revoke'))) return;
    await this.action.run(async () => {
      this.settings.set(await firstValueFrom(this.api.revokeToken()));
      this.secret.set(null);
    });
  }

  protected async setDeleteErases(deleteErases: boolean): Promise<void> {
    await this.action.run(async () => this.settings.set(await firstValueFrom(this.api.update({ deleteErases }))));
  }

  private ask(title: string, message: string, confirmLabel: string): Promise<boolean> {
    return confirmed(this.dialog, { title, message, confirmLabel, destructive: true });
  }
}
