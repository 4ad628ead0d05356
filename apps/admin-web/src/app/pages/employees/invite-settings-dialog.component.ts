import { COMMA, ENTER, SEMICOLON, SPACE } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, effect, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChipGrid, MatChipInput, type MatChipInputEvent, MatChipRemove, MatChipRow } from '@angular/material/chips';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatOption } from '@angular/material/core';
import { MatSelect } from '@angular/material/select';
import type { InviteSettings, OrgSettingsDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { errorDetails } from '../../core/field-errors';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { EmployeesApi } from './employees-api.service';
import { domainIndexFromPath, isValidDomain, MAX_INVITE_DOMAINS, splitDomains } from './invite-domains';

/** Auto-invite and the allowed email domains. Closes with the saved settings. */
@Component({
  selector: 'tf-invite-settings-dialog',
  imports: [
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatChipGrid,
    MatChipRow,
    MatChipInput,
    MatChipRemove,
    MatIcon,
    MatSlideToggle,
    MatButton,
    MatProgressBar,
    MatSelect,
    MatOption,
    ErrorBannerComponent,
  ],
  template: `
    @if (loading() || saving()) {
      <mat-progress-bar class="tf-dialog-progress" mode="indeterminate" [attr.aria-label]="saving() ? 'Saving' : 'Loading invite settings'" />
    }
    <h2 mat-dialog-title>Invite settings</h2>
    <form (submit)="$event.preventDefault(); save()" novalidate>
      <mat-dialog-content>
        @if (error(); as e) {
          <tf-error-banner class="tf-banner" [error]="e" [retryLabel]="loaded() ? '' : 'Try again'" (retry)="load()" />
        }
        @if (loaded()) {
          <mat-slide-toggle class="tf-toggle" [checked]="autoInvite()" (change)="autoInvite.set($event.checked)" [disabled]="saving()">
            Invite new employees automatically
          </mat-slide-toggle>
          <p class="tf-help">Everyone added by hand, by CSV or through the API gets an invite straight away.</p>
          @if (org(); as o) {
            <mat-form-field class="tf-language" subscriptSizing="dynamic">
              <mat-label>Default language</mat-label>
              <mat-select [value]="defaultLanguage()" (selectionChange)="defaultLanguage.set($event.value)" [disabled]="saving()">
                @for (l of o.languages; track l.tag) {
                  <mat-option [value]="l.tag">{{ l.name }} ({{ l.tag }})</mat-option>
                }
              </mat-select>
              <mat-hint>Of invites, reminders and the upload page, for people without a language of their own. The upload page tries the browser's first.</mat-hint>
            </mat-form-field>
          }

          <mat-form-field class="tf-domains">
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
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button matButton="filled" type="submit" [disabled]="!loaded() || saving()">{{ saving() ? 'Saving…' : 'Save' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    @use '../../shared/dialog';

    @include dialog.frame;
    .tf-banner {
      @include dialog.banner;
    }
    .tf-toggle {
      margin-top: 8px;
    }
    .tf-language {
      width: 100%;
      margin-bottom: 20px;
    }
    .tf-help {
      margin: 4px 0 20px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .tf-domains {
      width: 100%;
    }
    .tf-chip-bad {
      --mat-chip-outline-color: var(--mat-sys-error);
      --mat-chip-label-text-color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteSettingsDialogComponent {
  private readonly api = inject(EmployeesApi);
  private readonly dialogRef = inject<MatDialogRef<InviteSettingsDialogComponent, InviteSettings>>(MatDialogRef);

  protected readonly separators = [ENTER, COMMA, SEMICOLON, SPACE];
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<DisplayError | null>(null);
  protected readonly autoInvite = signal(false);
  protected readonly domains = signal<string[]>([]);
  /** The org's settings, for the employee side's default language; null until read (or when it cannot be). */
  protected readonly org = signal<OrgSettingsDto | null>(null);
  protected readonly defaultLanguage = signal('en');
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
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.orgSettings().subscribe({
      next: (o) => {
        this.org.set(o);
        this.defaultLanguage.set(o.defaultLanguage);
      },
      // The language picker stays hidden; the invite settings still work.
      error: () => this.org.set(null),
    });
    this.api.inviteSettings().subscribe({
      next: (s) => {
        this.autoInvite.set(s.autoInvite);
        this.domains.set(s.allowedDomains);
        this.loaded.set(true);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toDisplayError(err));
        this.loading.set(false);
      },
    });
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
    this.saving.set(true);
    this.error.set(null);
    this.domainError.set('');
    this.badIndexes.set([]);
    try {
      const o = this.org();
      if (o && o.defaultLanguage !== this.defaultLanguage()) {
        this.org.set(await firstValueFrom(this.api.saveOrgSettings({ processingMode: o.processingMode, defaultLanguage: this.defaultLanguage() })));
      }
      const saved = await firstValueFrom(
        this.api.saveInviteSettings({ autoInvite: this.autoInvite(), allowedDomains: this.domains() }),
      );
      this.dialogRef.close(saved);
    } catch (err) {
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
      // Field errors sit under the chips; the banner carries the rest (network, 403, 5xx).
      if (details.length === 0 || other.length) this.error.set(toDisplayError(err));
    } finally {
      this.saving.set(false);
    }
  }
}
