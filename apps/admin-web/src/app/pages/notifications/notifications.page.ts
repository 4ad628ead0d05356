import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlideToggle, type MatSlideToggleChange } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { NotificationSettingsDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { NOTIFICATION_SWITCHES, type NotificationSwitchInfo, savedMessage } from './notification-switches';
import { NotificationsApi } from './notifications-api.service';

type LoadState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

/** Settings › Notifications: the signed-in HR user's own mail switches, each saved the moment it flips. */
@Component({
  selector: 'tf-notifications-page',
  imports: [MatCard, MatCardContent, MatIcon, MatProgressBar, MatSlideToggle, ErrorBannerComponent],
  templateUrl: './notifications.page.html',
  styleUrl: './notifications.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPage {
  private readonly api = inject(NotificationsApi);
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly switches = NOTIFICATION_SWITCHES;
  protected readonly state = signal<LoadState>({ kind: 'loading' });
  protected readonly loadError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly settings = signal<NotificationSettingsDto | null>(null);
  /** The switch being saved; the others stay usable, this one waits for the answer. */
  protected readonly saving = signal<NotificationSwitchInfo['key'] | null>(null);
  protected readonly email = computed(() => this.auth.user()?.email ?? '');

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      this.settings.set(await firstValueFrom(this.api.get()));
      this.state.set({ kind: 'loaded' });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async toggle(info: NotificationSwitchInfo, event: MatSlideToggleChange): Promise<void> {
    const before = this.settings();
    if (!before) return;
    const { saved: _saved, ...current } = before;
    this.saving.set(info.key);
    try {
      this.settings.set(await firstValueFrom(this.api.update({ ...current, [info.key]: event.checked })));
      this.snackBar.open(savedMessage(info, event.checked), 'OK', { duration: 4000 });
    } catch (err) {
      // Put the toggle back where the server still has it.
      event.source.checked = before[info.key];
      this.snackBar.open(`Could not save: ${toDisplayError(err).message}`, 'OK', { duration: 8000 });
    } finally {
      this.saving.set(null);
    }
  }
}
