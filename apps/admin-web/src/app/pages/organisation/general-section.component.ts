import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import type { OrgSettingsDto } from '@teamframe/shared-types';
import { AuthService } from '../../core/auth.service';
import { OrganisationApi } from './organisation-api.service';
import { SectionState } from './section-state';
import { SectionActionsComponent } from './section-actions.component';
import { SettingsSectionComponent } from './settings-section.component';

/** The longest name the API takes (OrgNameSchema). */
const MAX_NAME = 200;

/**
 * The Organisation page's general section: the org's name (an owner renames it; HR admins read it) and
 * the employee side's default language. The address (slug) is fixed: links and SSO URLs carry it.
 */
@Component({
  selector: 'tf-general-section',
  imports: [FormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatSelect, MatOption, SectionActionsComponent, SettingsSectionComponent],
  template: `
    <tf-settings-section
      icon="apartment"
      heading="General"
      [value]="auth.org()?.name ?? null"
      [state]="state"
      loadingLabel="Loading the general settings"
      errorHeading="Could not load the general settings."
    >
      <ng-container tfSectionText>
        @if (auth.org(); as org) {
          The name is in every invitation, on the upload page and on the export's team page.
          @if (!isOwner()) {
            Only an owner can rename the organisation.
          }
          Its address (<code>{{ org.slug }}</code>) stays as it is.
        }
      </ng-container>
      @if (settings(); as s) {
        @if (isOwner()) {
          <form class="tf-edit" (ngSubmit)="rename()" novalidate>
            <mat-form-field class="tf-name" subscriptSizing="dynamic">
              <mat-label>Organisation name</mat-label>
              <input matInput name="orgName" autocomplete="organization" [maxlength]="maxName" required [ngModel]="name()" (ngModelChange)="name.set($event)" [disabled]="saving()" />
              @if (!trimmedName()) {
                <mat-error>Enter a name.</mat-error>
              }
            </mat-form-field>
            <tf-section-actions [state]="state" saveLabel="Save name" [ready]="!!trimmedName() && trimmedName() !== s.name" />
          </form>
        }
        <form class="tf-edit" (submit)="$event.preventDefault(); save()" novalidate>
          <mat-form-field class="tf-language" subscriptSizing="dynamic">
            <mat-label>Default language</mat-label>
            <mat-select [value]="language()" (selectionChange)="language.set($event.value)" [disabled]="saving()">
              @for (l of s.languages; track l.tag) {
                <mat-option [value]="l.tag">{{ l.name }} ({{ l.tag }})</mat-option>
              }
            </mat-select>
            <mat-hint>Of invites, reminders and the upload page, for people without a language of their own. The upload page tries the browser's first.</mat-hint>
          </mat-form-field>
          <tf-section-actions [state]="state" saveLabel="Save language" [ready]="language() !== s.defaultLanguage" />
        </form>
      }
    </tf-settings-section>
  `,
  styles: `
    @use 'section';

    @include section.form;
    .tf-language,
    .tf-name {
      flex: 1 1 320px;
      max-width: 480px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GeneralSectionComponent {
  private readonly api = inject(OrganisationApi);
  protected readonly auth = inject(AuthService);

  protected readonly state = new SectionState<OrgSettingsDto>(
    () => this.api.general(),
    (s) => {
      this.language.set(s.defaultLanguage);
      this.name.set(s.name);
    },
  );
  protected readonly settings = this.state.saved;
  protected readonly saving = this.state.saving;
  protected readonly language = signal('en');
  protected readonly name = signal('');
  protected readonly trimmedName = computed(() => this.name().trim());
  protected readonly maxName = MAX_NAME;
  /** The API lets only owners rename the organisation. */
  protected readonly isOwner = computed(() => this.auth.user()?.role === 'owner');

  protected async rename(): Promise<void> {
    const s = this.settings();
    const name = this.trimmedName();
    if (!s || !name || name === s.name) return;
    const saved = await this.state.save(
      () => this.api.saveGeneral({ name, processingMode: s.processingMode }),
      'The name was not changed',
    );
    if (!saved) return;
    this.name.set(saved.name);
    // The header and every page read the name from the session.
    await this.auth.loadSession();
    this.state.tell(`Organisation renamed: ${saved.name}.`);
  }

  protected async save(): Promise<void> {
    const s = this.settings();
    if (!s) return;
    // The processing mode is chosen on the batches page; it goes back as it is.
    const saved = await this.state.save(
      () => this.api.saveGeneral({ processingMode: s.processingMode, defaultLanguage: this.language() }),
      'The default language was not changed',
    );
    if (!saved) return;
    const name = saved.languages.find((l) => l.tag === saved.defaultLanguage)?.name ?? saved.defaultLanguage;
    this.state.tell(`Default language saved: ${name}.`);
  }
}
