import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { RefreshSettings } from '@teamframe/shared-types';
import { toDisplayError } from '../../core/api-error';
import { refreshText } from '../campaigns/campaign-format';
import { OrganisationApi } from './organisation-api.service';
import { SectionState } from './section-state';
import { SettingsSectionComponent } from './settings-section.component';

const DEFAULT_MONTHS = 24;

/** The Organisation page's refresh cycle: off, or re-invite everyone whose approved headshot is older than N months. */
@Component({
  selector: 'tf-refresh-cycle-section',
  imports: [FormsModule, MatButton, MatFormField, MatLabel, MatHint, MatError, MatInput, MatIcon, MatSlideToggle, SettingsSectionComponent],
  template: `
    <tf-settings-section
      icon="autorenew"
      heading="Refresh cycle"
      [value]="loaded() ? summary() : null"
      [busy]="loading() || saving()"
      busyLabel="Loading the refresh cycle"
      [error]="error()"
      errorHeading="Could not load the refresh cycle."
      (retry)="load()"
    >
      @if (loaded() && !editing()) {
        <button tfSectionAction matButton type="button" (click)="edit()" aria-label="Change the refresh cycle">
          <mat-icon aria-hidden="true">edit</mat-icon>
          Change
        </button>
      }
      <ng-container tfSectionText>
        Headshots age. With a cycle on, Teamframe starts a campaign by itself for everyone whose approved headshot is older than the
        number of months you choose.
      </ng-container>
      @if (editing()) {
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
          <div class="tf-edit-actions">
            <button matButton type="button" [disabled]="saving()" (click)="editing.set(false)">Cancel</button>
            <button matButton="filled" type="submit" [disabled]="saving() || (draftOn() && !validMonths())">{{ saving() ? 'Saving…' : 'Save' }}</button>
          </div>
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
  private readonly snackBar = inject(MatSnackBar);

  private readonly state = new SectionState<RefreshSettings>();
  protected readonly loaded = computed(() => this.state.saved() !== null);
  protected readonly months = computed(() => this.state.saved()?.refreshMonths ?? null);
  protected readonly loading = this.state.loading;
  protected readonly saving = this.state.saving;
  protected readonly error = this.state.error;
  protected readonly editing = signal(false);
  protected readonly draftOn = signal(false);
  protected readonly draftMonths = signal<number | null>(DEFAULT_MONTHS);

  constructor() {
    void this.load();
  }

  protected summary(): string {
    const m = this.months();
    return m === null ? 'Off' : `${refreshText(m)} (headshots older than ${m} months)`;
  }

  protected validMonths(): boolean {
    const m = this.draftMonths();
    return typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 60;
  }

  protected async load(): Promise<void> {
    await this.state.load(() => this.api.refreshCycle());
  }

  protected edit(): void {
    this.draftOn.set(this.months() !== null);
    this.draftMonths.set(this.months() ?? DEFAULT_MONTHS);
    this.editing.set(true);
  }

  protected async save(): Promise<void> {
    if (this.draftOn() && !this.validMonths()) return;
    const saved = await this.state.save(
      () => this.api.saveRefreshCycle({ refreshMonths: this.draftOn() ? this.draftMonths() : null }),
      (err) => this.snackBar.open(`The refresh cycle was not changed: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 }),
    );
    if (!saved) return;
    this.editing.set(false);
    this.snackBar.open(saved.refreshMonths === null ? 'Refresh cycle turned off.' : `Headshots older than ${saved.refreshMonths} months will be refreshed.`, 'OK', { duration: 5000 });
  }
}
