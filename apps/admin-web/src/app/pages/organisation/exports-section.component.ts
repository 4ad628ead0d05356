import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { ExportSettings } from '@teamframe/shared-types';
import { OrganisationApi } from './organisation-api.service';
import { SectionState } from './section-state';
import { SectionActionsComponent } from './section-actions.component';
import { SettingsSectionComponent } from './settings-section.component';

/**
 * The Organisation page's exports: whether marketing may put work email addresses in the exports it
 * makes (and download HR's exports that carry them). Owners and HR admins change it; off by default.
 */
@Component({
  selector: 'tf-exports-section',
  imports: [FormsModule, MatSlideToggle, SectionActionsComponent, SettingsSectionComponent],
  template: `
    <tf-settings-section
      icon="folder_zip"
      heading="Exports"
      [value]="state.loaded() ? summary() : null"
      [state]="state"
      loadingLabel="Loading the export settings"
      errorHeading="Could not load the export settings."
      changeLabel="Change the export settings"
      (edit)="edit()"
    >
      <ng-container tfSectionText>
        Marketing does not see the employee list: work email addresses reach it through an export (its own, or one it downloads) only
        when you allow it here. Owners and HR admins can always include them.
      </ng-container>
      @if (state.editing()) {
        <form class="tf-edit" (ngSubmit)="save()" novalidate>
          <mat-slide-toggle class="tf-wide" name="marketingSeesEmails" [ngModel]="draft()" (ngModelChange)="draft.set($event)">
            Marketing may include work email addresses in its exports
          </mat-slide-toggle>
          <tf-section-actions [state]="state" saveLabel="Save export settings" />
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

  protected readonly state = new SectionState<ExportSettings>(() => this.api.exports());
  protected readonly draft = signal(false);

  protected summary(): string {
    return this.state.saved()?.marketingSeesEmails ? 'Marketing may include work email addresses' : 'Marketing’s exports leave out work email addresses';
  }

  protected edit(): void {
    this.draft.set(this.state.saved()?.marketingSeesEmails ?? false);
    this.state.editing.set(true);
  }

  protected async save(): Promise<void> {
    const saved = await this.state.save(() => this.api.saveExports({ marketingSeesEmails: this.draft() }), 'The export settings were not changed');
    if (!saved) return;
    this.state.editing.set(false);
    this.state.tell(saved.marketingSeesEmails ? 'Marketing may now include work email addresses in its exports.' : 'Marketing’s exports now leave out work email addresses.');
  }
}
