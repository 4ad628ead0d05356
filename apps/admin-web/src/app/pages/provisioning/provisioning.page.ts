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
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog.component';
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
  protected readonly actionError = signal<DisplayError | null>(null);
  protected readonly busy = signal(false);
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
    if (this.settings()?.token && !(await this.confirm('Replace the SCIM token?', 'The identity provider stops provisioning until you paste the new token there.', 'Replace'))) return;
    await this.run(async () => {
      const res = await firstValueFrom(this.api.createToken());
      this.settings.set(res.item);
      this.secret.set(res.secret);
    });
  }

  protected async revokeToken(): Promise<void> {
    if (!(await this.confirm('Revoke the SCIM token?', 'Provisioning stops at once. People already provisioned stay as they are.', 'Revoke'))) return;
    await this.run(async () => {
      this.settings.set(await firstValueFrom(this.api.revokeToken()));
      this.secret.set(null);
    });
  }

  protected async setDeleteErases(deleteErases: boolean): Promise<void> {
    await this.run(async () => this.settings.set(await firstValueFrom(this.api.update({ deleteErases }))));
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await action();
    } catch (err) {
      this.actionError.set(toDisplayError(err));
    } finally {
      this.busy.set(false);
    }
  }

  private confirm(title: string, message: string, confirmLabel: string): Promise<boolean | undefined> {
    return firstValueFrom(
      this.dialog.open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, { data: { title, message, confirmLabel, destructive: true } }).afterClosed(),
    );
  }
}
