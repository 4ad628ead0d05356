import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { ExportsSectionComponent } from './exports-section.component';
import { GeneralSectionComponent } from './general-section.component';
import { InvitationsSectionComponent } from './invitations-section.component';
import { RefreshCycleSectionComponent } from './refresh-cycle-section.component';
import { RetentionSectionComponent } from './retention-section.component';

/**
 * Settings › Organisation: the org's settings, one section each (general, invitations & reminders,
 * refresh cycle, retention, exports), each loading and saving on its own. The brand kit lives with the
 * company style it feeds, so this page links there.
 */
@Component({
  selector: 'tf-organisation-page',
  imports: [RouterLink, MatButton, MatIcon, GeneralSectionComponent, InvitationsSectionComponent, RefreshCycleSectionComponent, RetentionSectionComponent, ExportsSectionComponent],
  templateUrl: './organisation.page.html',
  styleUrl: './organisation.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationPage {}
