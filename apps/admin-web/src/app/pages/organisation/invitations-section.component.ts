import { COMMA, ENTER, SEMICOLON, SPACE } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, effect, inject, signal, viewChild } from '@angular/core';
import { MatChipGrid, MatChipInput, type MatChipInputEvent, MatChipRemove, MatChipRow } from '@angular/material/chips';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { InviteSettings } from '@teamframe/shared-types';
import { toDisplayError } from '../../core/api-error';
import { errorDetails } from '../../core/field-errors';
import { domainIndexFromPath, isValidDomain, MAX_INVITE_DOMAINS, splitDomains } from './invite-domains';
import { OrganisationApi } from './organisation-api.service';
import { SectionState } from './section-state';
import { SectionActionsComponent } from './section-actions.component';
import { SettingsSectionComponent } from './settings-section.component';

/**
 * The Organisation page's invitations: auto-invite of new employees and the allowed e-mail domains.
 * Reminders follow each campaign's own schedule (set when a campaign starts); invites sent from the
 * employees page are reminded on the installation's days.
 */
@Component({
  selector: 'tf-invitations-section',
  imports: [MatFormField, MatLabel, MatHint, MatError, MatChipGrid, MatChipRow, MatChipInput, MatChipRemove, MatIcon, MatSlideToggle, SectionActionsComponent, SettingsSectionComponent],
  template: `
    <tf-settings-section
      icon="forward_to_inbox"
      heading="Invitations & reminders"
      [value]="saved() ? summary(saved()!) : null"
      [state]="state"
      loadingLabel="Loading invite settings"
    >
      <ng-container tfSectionText>
        Who gets an invite, and where it may go. Each campaign reminds its people on its own schedule until its due day; invites sent from
        the employees page are reminded a few days after sending.
      </ng-container>
      @if (loaded()) {
        <form class="tf-edit" (submit)="$event.preventDefault(); save()" novalidate>
          <div class="tf-wide">
            <mat-slide-toggle [checked]="autoInvite()" (change)="autoInvite.set($event.checked)" [disabled]="saving()">
              Invite new employees automatically
            </mat-slide-toggle>
            <p class="tf-help">Everyone added by hand, by CSV or through the API gets an invite straight away.</p>
          </div>
          <mat-form-field class="tf-wide" subscriptSizing="dynamic">
            <mat-label>Allowed email domains</mat-label>
            <mat-chip-grid #grid aria-label="Allowed email domains" [errorStateMatcher]="domainErrors" [disabled]="saving()">
              @for (d of domains(); track d; let i = $index) {
                <mat-chip-row (removed)="remove(i)" [class.tf-chip-bad]="badIndexes().includes(i)">
                  {{ d }}
                  <button matChipRemove type="button" [attr.aria-label]="'Remove ' + d">
                    <mat-icon aria-hidden="true">cancel</mat-icon>
                  </button>
                </mat-chip-row>
              }
            </mat-chip-grid>
            <input
              placeholder="example.com"
              aria-label="Add a domain"
              [matChipInputFor]="grid"
              [matChipInputSeparatorKeyCodes]="separators"
              matChipInputAddOnBlur
              (matChipInputTokenEnd)="add($event)"
              (paste)="paste($event)"
              autocomplete="off"
              spellcheck="false"
            />
            <mat-hint>Only invite addresses in these domains (subdomains included); empty = any.</mat-hint>
            <mat-error>{{ domainError() }}</mat-error>
          </mat-form-field>
          <tf-section-actions [state]="state" saveLabel="Save invitations" />
        </form>
      }
    </tf-settings-section>
  `,
  styles: `
    @use 'section';

    @include section.form;
    .tf-help {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .tf-chip-bad {
      --mat-chip-outline-color: var(--mat-sys-error);
      --mat-chip-label-text-color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationsSectionComponent {
  private readonly api = inject(OrganisationApi);

  protected readonly separators = [ENTER, COMMA, SEMICOLON, SPACE];
  protected readonly state = new SectionState<InviteSettings>(
    () => this.api.invitations(),
    (s) => this.showing(s),
  );
  /** What the server holds, for the one-line summary. */
  protected readonly saved = this.state.saved;
  protected readonly loaded = this.state.loaded;
  protected readonly saving = this.state.saving;
  protected readonly error = this.state.error;
  protected readonly autoInvite = signal(false);
  protected readonly domains = signal<string[]>([]);
  /** The sentence under the chips: a local typo or the server's verdict. */
  protected readonly domainError = signal('');
  /** Chips the server named as wrong, outlined until they are removed. */
  protected readonly badIndexes = signal<number[]>([]);
  protected readonly domainErrors: ErrorStateMatcher = { isErrorState: () => this.domainError() !== '' };

  private readonly grid = viewChild(MatChipGrid);

  constructor() {
    // The grid re-checks its error state only when bound to a form control; ours is a signal.
    effect(() => {
      this.domainError();
      this.grid()?.updateErrorState();
    });
  }

  /** The form shows what the server holds. */
  private showing(s: InviteSettings): void {
    this.autoInvite.set(s.autoInvite);
    this.domains.set(s.allowedDomains);
  }

  protected summary(s: InviteSettings): string {
    const domains = s.allowedDomains.length ? `only to ${s.allowedDomains.join(', ')}` : 'to any domain';
    return `${s.autoInvite ? 'New employees are invited automatically' : 'Invites are sent by hand'}, ${domains}`;
  }

  protected add(event: MatChipInputEvent): void {
    if (this.addAll(splitDomains(event.value))) event.chipInput.clear();
  }

  protected paste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text') ?? '';
    if (!/[\s,;]/.test(text.trim())) return; // one domain: let it land in the input as usual
    event.preventDefault();
    this.addAll(splitDomains(text));
  }

  protected remove(index: number): void {
    this.domains.update((list) => list.filter((_, i) => i !== index));
    this.badIndexes.set([]);
    this.domainError.set('');
  }

  /** Adds the good ones; false (input kept for fixing) when any is not a domain. */
  private addAll(entries: string[]): boolean {
    if (entries.length === 0) return true;
    const bad = entries.filter((d) => !isValidDomain(d));
    const good = entries.filter((d) => isValidDomain(d) && !this.domains().includes(d));
    const room = MAX_INVITE_DOMAINS - this.domains().length;
    this.domains.update((list) => [...list, ...[...new Set(good)].slice(0, Math.max(0, room))]);
    if (bad.length) {
      this.domainError.set(`${bad.join(', ')} ${bad.length === 1 ? 'is not a domain' : 'are not domains'} like example.com.`);
      return false;
    }
    this.domainError.set(good.length > room ? `At most ${MAX_INVITE_DOMAINS} domains.` : '');
    this.badIndexes.set([]);
    return true;
  }

  protected async save(): Promise<void> {
    if (this.saving() || !this.loaded()) return;
    this.error.set(null);
    this.domainError.set('');
    this.badIndexes.set([]);
    const saved = await this.state.save(() => this.api.saveInvitations({ autoInvite: this.autoInvite(), allowedDomains: this.domains() }), (err) => this.refused(err));
    if (!saved) return;
    this.domains.set(saved.allowedDomains);
    this.state.tell(`Invite settings saved. ${this.summary(saved)}.`, 8000);
  }

  /** Field errors sit under the chips (the named chips outlined); the banner carries the rest (network, 403, 5xx). */
  private refused(err: unknown): void {
    const details = errorDetails(err);
    const domainMessages: string[] = [];
    const bad: number[] = [];
    const other: string[] = [];
    for (const d of details) {
      const index = domainIndexFromPath(d.path);
      if (index !== null) {
        bad.push(index);
        domainMessages.push(`${this.domains()[index] ?? `Domain ${index + 1}`} ${d.message}.`);
      } else if (d.path === 'allowedDomains') {
        domainMessages.push(`Allowed domains ${d.message}.`);
      } else {
        other.push(d.message);
      }
    }
    this.badIndexes.set(bad);
    this.domainError.set(domainMessages.join(' '));
    if (details.length === 0 || other.length) this.error.set(toDisplayError(err));
  }
}
