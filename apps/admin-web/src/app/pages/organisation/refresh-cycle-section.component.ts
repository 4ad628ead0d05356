import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { RefreshSettings } from '@teamframe/shared-types';
import { refreshText } from '../campaigns/campaign-format';
import { OrganisationApi } from './organisation-api.service';
import { SectionState } from './section-state';
import { SectionActionsComponent } from './section-actions.component';
import { SettingsSectionComponent } from './settings-section.component';

const DEFAULT_MONTHS = 24;

/** The Organisation page's refresh cycle: off, or re-invite everyone whose approved headshot is older than N months. */
@Component({
  selector: 'tf-refresh-cycle-section',
  imports: [FormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatSlideToggle, SectionActionsComponent, SettingsSectionComponent],
  template: `
    <tf-settings-section
      icon="autorenew"
      heading="Refresh cycle"
      [value]="state.loaded() ? summary() : null"
      [state]="state"
      loadingLabel="Loading the refresh cycle"
      errorHeading="Could not load the refresh cycle."
      changeLabel="Change the refresh cycle"
      (edit)="edit()"
    >
      <ng-container tfSectionText>
        Headshots age. With a cycle on, Teamframe starts a campaign by itself for everyone whose approved headshot is older than the
        number of months you choose.
      </ng-container>
      @if (state.editing()) {
        <form class="tf-edit" (ngSubmit)="save()" novalidate>
          <mat-slide-toggle name="enabled" [ngModel]="draftOn()" (ngModelChange)="draftOn.set($event)">Refresh headshots automatically</mat-slide-toggle>
          @if (draftOn()) {
            <mat-form-field class="tf-months" subscriptSizing="dynamic">
              <mat-label>Older than (months)</mat-label>
              <input matInput type="number" inputmode="numeric" name="months" min="1" max="60" required [ngModel]="draftMonths()" (ngModelChange)="draftMonths.set($event)" #monthsModel="ngModel" />
              @if (monthsModel.invalid || !validMonths()) {
                <mat-error>From 1 to 60 months.</mat-error>
              } @else {
                <mat-hint>24 months is common.</mat-hint>
              }
            </mat-form-field>
          }
          <tf-section-actions [state]="state" saveLabel="Save" [ready]="!draftOn() || validMonths()" />
        </form>
      }
    </tf-settings-section>
  `,
  styles: `
    @use 'section';

    @include section.form;
    .tf-months {
      flex: 0 1 200px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RefreshCycleSectionComponent {
  private readonly api = inject(OrganisationApi);

  protected readonly state = new SectionState<RefreshSettings>(() => this.api.refreshCycle());
  protected readonly months = computed(() => this.state.saved()?.refreshMonths ?? null);
  protected readonly draftOn = signal(false);
  protected readonly draftMonths = signal<number | null>(DEFAULT_MONTHS);

  protected summary(): string {
    const m = this.months();
    return m === null ? 'Off' : `${refreshText(m)} (headshots older than ${m} months)`;
  }

  protected validMonths(): boolean {
    const m = this.draftMonths();
    return typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 60;
  }

  protected edit(): void {
    this.draftOn.set(this.months() !== null);
    this.draftMonths.set(this.months() ?? DEFAULT_MONTHS);
    this.state.editing.set(true);
  }

  protected async save(): Promise<void> {
    if (this.draftOn() && !this.validMonths()) return;
    const saved = await this.state.save(() => this.api.saveRefreshCycle({ refreshMonths: this.draftOn() ? this.draftMonths() : null }), 'The refresh cycle was not changed');
    if (!saved) return;
    this.state.editing.set(false);
    this.state.tell(saved.refreshMonths === null ? 'Refresh cycle turned off.' : `Headshots older than ${saved.refreshMonths} months will be refreshed.`);
  }
}
