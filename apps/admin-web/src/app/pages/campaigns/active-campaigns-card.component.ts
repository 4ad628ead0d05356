import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { CampaignDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { approvedPercent, dueText } from './campaign-format';
import { CampaignsApi } from './campaigns-api.service';

/** The dashboard's "Active campaigns" card: each running campaign, its progress and due date, as links. */
@Component({
  selector: 'tf-active-campaigns-card',
  imports: [MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatIcon, MatProgressBar, RouterLink, ErrorBannerComponent],
  template: `
    <mat-card appearance="outlined" class="tf-card" aria-labelledby="tf-active-campaigns-heading">
      @if (loading()) {
        <mat-progress-bar class="tf-card-progress" mode="indeterminate" aria-label="Loading campaigns" />
      }
      <mat-card-header>
        <mat-icon mat-card-avatar class="tf-card-icon" aria-hidden="true">campaign</mat-icon>
        <mat-card-title><h2 id="tf-active-campaigns-heading" class="tf-card-heading">Active campaigns</h2></mat-card-title>
      </mat-card-header>
      <mat-card-content>
        @if (error(); as e) {
          <tf-error-banner heading="Could not load the campaigns." [error]="e" retryLabel="Try again" (retry)="load()" />
        } @else if (!loading() && items().length === 0) {
          <p class="tf-muted">No campaign is running. <a routerLink="/campaigns">Start one</a> to ask a group for selfies by a date.</p>
        }
        <ul class="tf-list">
          @for (i of items(); track i.campaign.id) {
            <li>
              <a class="tf-item" [routerLink]="['/campaigns', i.campaign.id]">
                <span class="tf-item-head">
                  <span class="tf-name">{{ i.campaign.name }}</span>
                  <span class="tf-due" [class.tf-overdue]="i.due.tone === 'overdue'">{{ i.due.text }}</span>
                </span>
                <mat-progress-bar mode="determinate" [value]="i.percent" [attr.aria-label]="i.campaign.name + ': ' + i.percent + '% approved'" />
                <span class="tf-numbers">{{ i.campaign.counts.approved }} of {{ i.campaign.counts.invited }} approved · {{ i.campaign.counts.missing }} missing</span>
              </a>
            </li>
          }
        </ul>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    @use '../../shared/dashboard-card';

    :host {
      display: block;
    }
    @include dashboard-card.card-chrome;
    mat-card-content {
      padding-top: 12px;
    }
    .tf-muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .tf-item {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 10px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      color: inherit;
      text-decoration: none;
    }
    .tf-item:hover .tf-name {
      text-decoration: underline;
    }
    .tf-item-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 4px 12px;
    }
    .tf-name {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-primary);
      overflow-wrap: anywhere;
    }
    .tf-due,
    .tf-numbers {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-overdue {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActiveCampaignsCardComponent {
  private readonly api = inject(CampaignsApi);

  protected readonly loading = signal(true);
  protected readonly error = signal<DisplayError | null>(null);
  private readonly campaigns = signal<CampaignDto[]>([]);
  protected readonly items = computed(() =>
    this.campaigns()
      .filter((c) => c.state === 'active')
      .map((c) => ({ campaign: c, due: dueText(c), percent: approvedPercent(c.counts) })),
  );

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.campaigns.set(await firstValueFrom(this.api.list()));
    } catch (err) {
      this.error.set(toDisplayError(err));
    } finally {
      this.loading.set(false);
    }
  }
}
