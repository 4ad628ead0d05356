import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ExportSettings } from '@teamframe/shared-types';
import { toDisplayError } from '../../core/api-error';
import { OrganisationApi } from './organisation-api.service';
import { SectionState } from './section-state';
import { SettingsSectionComponent } from './settings-section.component';

/**
 * The Organisation page's exports: whether marketing may put work email addresses in the exports it
 * makes (and download HR's exports that carry them). Owners and HR admins change it; off by default.
 */
@Component({
  selector: 'tf-exports-section',
  imports: [FormsModule, MatButton, MatIcon, MatSlideToggle, SettingsSectionComponent],
  template: `
    <tf-settings-section
      icon="folder_zip"
      heading="Exports"
      [value]="loaded() ? summary() : null"
      [busy]="loading() || saving()"
      [busyLabel]="saving() ? 'Saving' : 'Loading the export settings'"
      [error]="error()"
      errorHeading="Could not load the export settings."
      (retry)="load()"
    >
      @if (loaded() && !editing()) {
        <button tfSectionAction matButton type="button" (click)="edit()" aria-label="Change the export settings">
          <mat-icon aria-hidden="true">edit</mat-icon>
          Change
        </button>
      }
      <ng-container tfSectionText>
        Marketing does not see the employee list: work email addresses reach it through an export (its own, or one it downloads) only
        when you allow it here. Owners and HR admins can always include them.
      </ng-container>
      @if (editing()) {
        <form class="tf-edit" (ngSubmit)="save()" novalidate>
          <mat-slide-toggle class="tf-wide" name="marketingSeesEmails" [ngModel]="draft()" (ngModelChange)="draft.set($event)">
            Marketing may include work email addresses in its exports
          </mat-slide-toggle>
          <div class="tf-edit-actions">
            <button matButton type="button" [disabled]="saving()" (click)="editing.set(false)">Cancel</button>
            <button matButton="filled" type="submit" [disabled]="saving()">{{ saving() ? 'Saving…' : 'Save export settings' }}</button>
          </div>
        </form>
      }
    </tf-settings-section>
  `,
  styles: `
    @use 'section';

    @include section.form;
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportsSectionComponent {
  private readonly api = inject(OrganisationApi);
  private readonly snackBar = inject(MatSnackBar);

  private readonly state = new SectionState<ExportSettings>();
  protected readonly loaded = computed(() => this.state.saved() !== null);
  protected readonly loading = this.state.loading;
  protected readonly saving = this.state.saving;
  protected readonly error = this.state.error;
  protected readonly editing = signal(false);
  protected readonly draft = signal(false);

  constructor() {
    void this.load();
  }

  protected summary(): string {
    return this.state.saved()?.marketingSeesEmails ? 'Marketing may include work email addresses' : 'Marketing’s exports leave out work email addresses';
  }

  protected async load(): Promise<void> {
    await this.state.load(() => this.api.exports());
  }

  protected edit(): void {
    this.draft.set(this.state.saved()?.marketingSeesEmails ?? false);
    this.editing.set(true);
  }

  protected async save(): Promise<void> {
    const saved = await this.state.save(
      () => this.api.saveExports({ marketingSeesEmails: this.draft() }),
      (err) => this.snackBar.open(`The export settings were not changed: ${toDisplayError(err).message}`, 'Dismiss', { duration: 8000 }),
    );
    if (!saved) return;
    this.editing.set(false);
    this.snackBar.open(
      saved.marketingSeesEmails ? 'Marketing may now include work email addresses in its exports.' : 'Marketing’s exports now leave out work email addresses.',
      'OK',
      { duration: 5000 },
    );
  }
}
