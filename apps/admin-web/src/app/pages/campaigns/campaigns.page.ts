import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { CampaignCreateResult, CampaignDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { approvedPercent, audienceText, dueText, formatDay, KIND_LABELS, utcToday } from './campaign-format';
import { CampaignsApi } from './campaigns-api.service';
import { NewCampaignDialogComponent } from './new-campaign-dialog.component';

type ListState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

/** A campaign card's numbers, worked out once per load. */
interface CampaignView {
  campaign: CampaignDto;
  kind: string;
  audience: string;
  due: ReturnType<typeof dueText>;
  dueDay: string | null;
  percent: number;
}

/** Skipped people handed from the dialog to the dashboard through the navigation's history state. */
export interface CampaignStartedState {
  skipped: CampaignCreateResult['skipped'];
}

@Component({
  selector: 'tf-campaigns-page',
  imports: [NgTemplateOutlet, RouterLink, MatButton, MatIcon, MatProgressBar, ErrorBannerComponent],
  templateUrl: './campaigns.page.html',
  styleUrl: './campaigns.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignsPage {
  private readonly api = inject(CampaignsApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly listError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  private readonly campaigns = signal<CampaignDto[]>([]);
  protected readonly views = computed<CampaignView[]>(() => {
    const today = utcToday();
    return this.campaigns().map((c) => ({
      campaign: c,
      kind: KIND_LABELS[c.kind],
      audience: audienceText(c.audience),
      due: dueText(c, today),
      dueDay: c.dueOn ? formatDay(c.dueOn) : null,
      percent: approvedPercent(c.counts),
    }));
  });
  protected readonly active = computed(() => this.views().filter((v) => v.campaign.state === 'active'));
  protected readonly ended = computed(() => this.views().filter((v) => v.campaign.state === 'ended'));

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      this.campaigns.set(await firstValueFrom(this.api.list()));
      this.state.set({ kind: 'loaded' });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async newCampaign(): Promise<void> {
    const ref = this.dialog.open<NewCampaignDialogComponent, void, CampaignCreateResult>(NewCampaignDialogComponent, {
      width: '640px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
    const result = await firstValueFrom(ref.afterClosed());
    if (!result) return;
    const state: CampaignStartedState = { skipped: result.skipped };
    await this.router.navigate(['/campaigns', result.campaign.id], { state });
  }
}
