import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { NeedsAttentionDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { EmployeesApi } from './employees-api.service';
import { InviteLinkDialogComponent, type InviteLinkDialogData } from './invite-link-dialog.component';

/** Invited people with no selfie after every reminder, for HR to chase by hand. */
@Component({
  selector: 'tf-needs-attention',
  imports: [DatePipe, MatButton, MatIcon, MatProgressBar, ErrorBannerComponent],
  template: `
    <section class="tf-card" aria-labelledby="tf-needs-attention-heading">
      @if (loading() || busyId()) {
        <mat-progress-bar class="tf-progress" mode="indeterminate" aria-label="Loading people who need attention" />
      }
      <header class="tf-card-header">
        <h2 id="tf-needs-attention-heading" class="tf-card-title">
          Needs attention
          @if (items(); as list) {
            <span class="tf-count">({{ list.length }})</span>
          }
        </h2>
        <p class="tf-card-subtitle">Invited, every reminder sent, and still no selfie. Nudge them yourself.</p>
      </header>
      @if (error(); as e) {
        <tf-error-banner class="tf-banner" heading="Could not load who needs attention." [error]="e" retryLabel="Try again" (retry)="reload()" />
      }
      @if (items(); as list) {
        @if (list.length === 0) {
          <p class="tf-empty">
            <mat-icon aria-hidden="true">check_circle</mat-icon>
            Everyone invited has either answered or still has reminders to come.
          </p>
        } @else {
          <div class="tf-scroll">
            <table class="tf-table">
              <caption class="cdk-visually-hidden">Invited people with no selfie after every reminder</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Department</th>
                  <th scope="col">Invited</th>
                  <th scope="col" class="tf-num">Reminders sent</th>
                  <th scope="col"><span class="cdk-visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                @for (p of list; track p.employeeId) {
                  <tr>
                    <td class="tf-name">{{ p.name }}</td>
                    <td class="tf-email">{{ p.email }}</td>
                    <td>{{ p.department || '—' }}</td>
                    <td>{{ p.invitedAt | date: 'd MMM y' }}</td>
                    <td class="tf-num">
                      {{ p.remindersSent }}
                      @if (p.lastReminderAt) {
                        <span class="tf-secondary">(last {{ p.lastReminderAt | date: 'd MMM' }})</span>
                      }
                    </td>
                    <td class="tf-actions">
                      <button matButton type="button" [disabled]="!!busyId()" (click)="resend(p)" [attr.aria-label]="'Resend invite to ' + p.name">
                        <mat-icon aria-hidden="true">refresh</mat-icon>
                        Resend invite
                      </button>
                      <button matButton type="button" [disabled]="!!busyId()" (click)="copyLink(p)" [attr.aria-label]="'Copy link for ' + p.name">
                        <mat-icon aria-hidden="true">link</mat-icon>
                        Copy link
                      </button>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else if (loading()) {
        <p class="tf-empty">Loading…</p>
      }
    </section>
  `,
  styles: `
    @use '../../shared/page-layout' as layout;

    :host {
      display: block;
    }
    .tf-card {
      @include layout.outlined-card;
    }
    .tf-progress {
      @include layout.edge-progress;
    }
    .tf-card-header {
      padding: 16px 16px 8px;
    }
    .tf-card-title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .tf-count,
    .tf-card-subtitle,
    .tf-secondary,
    .tf-email {
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-card-subtitle {
      margin: 4px 0 0;
      font: var(--mat-sys-body-medium);
    }
    .tf-banner {
      display: block;
      margin: 0 16px 12px;
    }
    .tf-empty {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      padding: 8px 16px 20px;
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-scroll {
      overflow-x: auto;
    }
    .tf-table {
      width: 100%;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);
    }
    th,
    td {
      padding: 8px 16px;
      text-align: left;
      border-top: 1px solid var(--mat-sys-outline-variant);
      vertical-align: middle;
    }
    th {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-name {
      font: var(--mat-sys-title-small);
    }
    .tf-email {
      overflow-wrap: anywhere;
    }
    .tf-num {
      text-align: right;
      white-space: nowrap;
    }
    .tf-actions {
      text-align: right;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NeedsAttentionComponent {
  private readonly api = inject(EmployeesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** Emitted after a resend, so the page reloads the directory too. */
  readonly changed = output<void>();

  protected readonly items = signal<NeedsAttentionDto[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<DisplayError | null>(null);
  protected readonly busyId = signal<string | null>(null);

  constructor() {
    this.reload();
  }

  reload(): void {
    this.loading.set(true);
    this.api.needsAttention().subscribe({
      next: (list) => {
        this.items.set(list);
        this.error.set(null);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toDisplayError(err));
        this.loading.set(false);
      },
    });
  }

  protected async resend(p: NeedsAttentionDto): Promise<void> {
    this.busyId.set(p.employeeId);
    try {
      const result = await firstValueFrom(this.api.invite({ employeeIds: [p.employeeId] }));
      const skipped = result.skipped[0]?.reason;
      this.snackBar.open(
        skipped ? `Not re-sent to ${p.name}: ${skipped.replace(/\.$/, '')}.` : `Invite re-sent to ${p.name}. Their previous link stopped working.`,
        'OK',
        { duration: 8000 },
      );
      this.reload();
      this.changed.emit();
    } catch (err) {
      this.snackBar.open(toDisplayError(err).message, 'Dismiss', { duration: 10000 });
    } finally {
      this.busyId.set(null);
    }
  }

  protected async copyLink(p: NeedsAttentionDto): Promise<void> {
    this.busyId.set(p.employeeId);
    try {
      const { link, expiresAt } = await firstValueFrom(this.api.inviteLink(p.employeeId));
      let copied = false;
      try {
        await navigator.clipboard.writeText(link);
        copied = true;
      } catch {
        // No clipboard (plain http, permission refused): the dialog lets them copy by hand.
      }
      this.dialog.open<InviteLinkDialogComponent, InviteLinkDialogData>(InviteLinkDialogComponent, {
        data: { name: p.name, link, expiresAt, copied },
        width: '560px',
        maxWidth: '95vw',
      });
    } catch (err) {
      this.snackBar.open(toDisplayError(err).message, 'Dismiss', { duration: 10000 });
    } finally {
      this.busyId.set(null);
    }
  }
}
