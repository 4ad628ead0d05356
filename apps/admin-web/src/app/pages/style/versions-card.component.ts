import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { StyleChange, StyleVersionDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { StyleApi } from './style-api.service';
import { formatValue, pathLabel } from './style-draft';
import { StyleDraftService } from './style-draft.service';

interface Comparison {
  version: number;
  current: number;
  state: { kind: 'loading' } | { kind: 'loaded'; changes: StyleChange[] } | { kind: 'error'; error: DisplayError };
}

/** The saved versions of the style: compare one with the current, or restore it as a new version. */
@Component({
  selector: 'tf-versions-card',
  imports: [DatePipe, MatCard, MatCardHeader, MatCardTitle, MatCardSubtitle, MatCardContent, MatButton, MatIconButton, MatIcon, MatProgressBar, ErrorBannerComponent],
  templateUrl: './versions-card.component.html',
  styleUrl: './versions-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VersionsCardComponent {
  protected readonly draft = inject(StyleDraftService);
  private readonly api = inject(StyleApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly formatValue = formatValue;
  protected readonly pathLabel = pathLabel;
  protected readonly restoring = signal<number | null>(null);
  protected readonly comparison = signal<Comparison | null>(null);

  protected async compare(version: StyleVersionDto): Promise<void> {
    const current = this.draft.currentVersion();
    if (!current) return;
    this.comparison.set({ version: version.version, current: current.version, state: { kind: 'loading' } });
    try {
      const changes = await firstValueFrom(this.api.diff(version.version, current.version));
      this.comparison.set({ version: version.version, current: current.version, state: { kind: 'loaded', changes } });
    } catch (err) {
      this.comparison.set({ version: version.version, current: current.version, state: { kind: 'error', error: toDisplayError(err) } });
    }
  }

  protected async restore(version: StyleVersionDto): Promise<void> {
    if (this.draft.dirty()) {
      const ok = await confirmed(
        this.dialog,
        {
          title: `Restore version ${version.version}?`,
          message: 'Your unsaved changes are discarded. The restored style becomes the current one as a new version.',
          confirmLabel: `Restore version ${version.version}`,
        },
        '440px',
      );
      if (!ok) return;
    }
    this.restoring.set(version.version);
    try {
      const restored = await this.draft.restore(version.version);
      this.snackBar.open(`Version ${version.version} restored as version ${restored.version}.`, 'OK', { duration: 5000 });
      this.comparison.set(null);
      await this.draft.refreshVersions();
    } catch (err) {
      this.snackBar.open(`Could not restore: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.restoring.set(null);
    }
  }
}
