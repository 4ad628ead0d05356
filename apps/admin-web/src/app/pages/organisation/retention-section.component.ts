import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { RetentionSettings } from '@teamframe/shared-types';
import { AuthService } from '../../core/auth.service';
import { OrganisationApi } from './organisation-api.service';
import { SectionState } from './section-state';
import { SectionActionsComponent } from './section-actions.component';
import { SettingsSectionComponent } from './settings-section.component';
import { retentionSummary, validDays, validExpiryHours } from './retention-text';

/**
 * The Organisation page's retention: how long selfies, never-approved headshots and export files are
 * kept, enforced every night. Owners change it; HR admins see it.
 */
@Component({
  selector: 'tf-retention-section',
  imports: [FormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatSlideToggle, SectionActionsComponent, SettingsSectionComponent],
  template: `
    <tf-settings-section
      icon="auto_delete"
      heading="Retention"
      [value]="state.saved() ? summary(state.saved()!) : null"
      [state]="state"
      loadingLabel="Loading the retention settings"
      errorHeading="Could not load the retention settings."
      changeLabel="Change the retention"
      [canChange]="canEdit()"
      (edit)="edit()"
    >
      <ng-container tfSectionText>
        How long Teamframe keeps what employees sent and what it made, checked every night. Approved headshots stay until the person is erased.
        @if (state.loaded() && !canEdit()) {
          Only an owner can change it.
        }
      </ng-container>
      @if (state.editing()) {
        <form class="tf-edit" (ngSubmit)="save()" novalidate>
          <mat-slide-toggle class="tf-wide" name="afterApproval" [ngModel]="afterApproval()" (ngModelChange)="afterApproval.set($event)">
            Delete each selfie once its headshot is approved
          </mat-slide-toggle>
          <mat-form-field class="tf-number" subscriptSizing="dynamic" floatLabel="always">
            <mat-label>Delete every selfie after (days)</mat-label>
            <input matInput placeholder="Keep" type="number" inputmode="numeric" name="originalsDays" min="1" max="3650" [ngModel]="originalsDays()" (ngModelChange)="originalsDays.set($event)" />
            @if (!validDays(originalsDays())) {
              <mat-error>From 1 to 3650 days, or empty to keep them.</mat-error>
            } @else {
              <mat-hint>Empty: keep them.</mat-hint>
            }
          </mat-form-field>
          <mat-form-field class="tf-number" subscriptSizing="dynamic" floatLabel="always">
            <mat-label>Delete never-approved work after (days)</mat-label>
            <input matInput placeholder="Keep" type="number" inputmode="numeric" name="unapprovedDays" min="1" max="3650" [ngModel]="unapprovedDays()" (ngModelChange)="unapprovedDays.set($event)" />
            @if (!validDays(unapprovedDays())) {
              <mat-error>From 1 to 3650 days, or empty to keep it.</mat-error>
            } @else {
              <mat-hint>Selfies and headshots never approved. Empty: keep them.</mat-hint>
            }
          </mat-form-field>
          <mat-form-field class="tf-number" subscriptSizing="dynamic" floatLabel="always">
            <mat-label>Export downloads last (hours)</mat-label>
            <input matInput type="number" inputmode="numeric" name="expiryHours" min="1" max="2160" required [ngModel]="expiryHours()" (ngModelChange)="expiryHours.set($event)" />
            @if (!validExpiryHours(expiryHours())) {
              <mat-error>From 1 to 2160 hours (90 days).</mat-error>
            } @else {
              <mat-hint>72 hours is the default.</mat-hint>
            }
          </mat-form-field>
          <tf-section-actions [state]="state" saveLabel="Save retention" [ready]="valid()" />
        </form>
      }
    </tf-settings-section>
  `,
  styles: `
    @use 'section';

    @include section.form;
    .tf-number {
      flex: 1 1 220px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RetentionSectionComponent {
  private readonly api = inject(OrganisationApi);
  private readonly auth = inject(AuthService);

  protected readonly state = new SectionState<RetentionSettings>(() => this.api.retention());
  protected readonly afterApproval = signal(true);
  protected readonly originalsDays = signal<number | null>(null);
  protected readonly unapprovedDays = signal<number | null>(null);
  protected readonly expiryHours = signal<number | null>(72);
  /** The API lets only owners change retention (HR admins read it). */
  protected readonly canEdit = computed(() => this.auth.user()?.role === 'owner');
  protected readonly valid = computed(() => validDays(this.originalsDays()) && validDays(this.unapprovedDays()) && validExpiryHours(this.expiryHours()));
  protected readonly summary = retentionSummary;
  protected readonly validDays = validDays;
  protected readonly validExpiryHours = validExpiryHours;

  protected edit(): void {
    const s = this.state.saved();
    if (!s) return;
    this.afterApproval.set(s.deleteOriginalsAfterApproval);
    this.originalsDays.set(s.deleteOriginalsAfterDays);
    this.unapprovedDays.set(s.deleteUnapprovedAfterDays);
    this.expiryHours.set(s.exportExpiryHours);
    this.state.editing.set(true);
  }

  protected async save(): Promise<void> {
    if (!this.valid()) return;
    const saved = await this.state.save(
      () =>
        this.api.saveRetention({
          deleteOriginalsAfterApproval: this.afterApproval(),
          deleteOriginalsAfterDays: emptyAsNull(this.originalsDays()),
          deleteUnapprovedAfterDays: emptyAsNull(this.unapprovedDays()),
          exportExpiryHours: Number(this.expiryHours()),
        }),
      'The retention was not changed',
    );
    if (!saved) return;
    this.state.editing.set(false);
    this.state.tell(`Retention saved. ${retentionSummary(saved)}.`, 8000);
  }
}

/** An emptied number field reads as null (or ''), which means "keep them". */
function emptyAsNull(n: number | null | ''): number | null {
  return n === null || n === '' ? null : Number(n);
}
