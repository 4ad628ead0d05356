import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import type { CampaignCounts, CampaignMemberDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError } from '../../core/api-error';
import { injectIsPhone } from '../../core/phone-layout';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { ListPaginatorComponent } from '../../shared/list-paging/list-paginator.component';
import { ListSearchComponent } from '../../shared/list-paging/list-search.component';
import { PagedList } from '../../shared/list-paging/paged-list';
import { InviteLinkDialogComponent, type InviteLinkDialogData } from '../employees/invite-link-dialog.component';
import { filterToState, MEMBER_FILTERS, MEMBER_STATE_LABELS, type MemberFilter } from './campaign-format';
import { type CampaignMemberParams, CampaignsApi } from './campaigns-api.service';

/** The people in one campaign: filter by state, search, page, and chase the missing ones. */
@Component({
  selector: 'tf-campaign-members',
  imports: [
    DatePipe,
    MatTableModule,
    ListPaginatorComponent,
    MatChipListbox,
    MatChipOption,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    MatTooltip,
    ErrorBannerComponent,
    ListSearchComponent,
  ],
  templateUrl: './campaign-members.component.html',
  styleUrl: './campaign-members.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignMembersComponent {
  private readonly api = inject(CampaignsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly campaignId = input.required<string>();
  readonly counts = input.required<CampaignCounts>();
  /** Ended campaigns are read-only: no reminders, no links. */
  readonly active = input.required<boolean>();
  /** Emitted after a reminder or a new link, so the dashboard refreshes its numbers. */
  readonly changed = output<void>();

  protected readonly filters = MEMBER_FILTERS;
  protected readonly isPhone = injectIsPhone();
  protected readonly columns = computed(() =>
    this.isPhone() ? ['name', 'actions'] : ['name', 'department', 'state', 'reminders', 'actions'],
  );

  protected readonly list = new PagedList({
    pageSize: 25,
    filters: { state: 'all' as MemberFilter },
    request: ({ page, pageSize, q, filters }) => ({ id: this.campaignId(), p: { page, pageSize, state: filterToState(filters.state), q } satisfies CampaignMemberParams }),
    load: ({ id, p }: { id: string; p: CampaignMemberParams }) => this.api.members(id, p),
  });
  protected readonly busyId = signal<string | null>(null);

  reload(): void {
    this.list.reload();
  }

  protected chipCount(count: keyof CampaignCounts): number {
    return this.counts()[count];
  }

  protected setFilter(event: MatChipListboxChange): void {
    // A listbox lets people deselect the current chip; that means "all" here.
    this.list.setFilter('state', (event.value as MemberFilter | undefined) ?? 'all');
  }

  // mat-table hands rows to the template untyped; this keeps the label lookup typed.
  /** Why someone is still missing although they tried: the refusals, never the photos. */
  protected refusedText(m: CampaignMemberDto): string {
    const times = m.refusedAttempts === 1 ? 'once' : `${m.refusedAttempts} times`;
    return `Tried, refused ${times}${m.lastRefusal ? `: “${m.lastRefusal}”` : ''}`;
  }

  protected stateLabel(m: CampaignMemberDto): string {
    return MEMBER_STATE_LABELS[m.state];
  }

  /** Only people with no selfie yet can be chased; everyone else has answered or was never invited. */
  protected canChase(m: CampaignMemberDto): boolean {
    return this.active() && m.state === 'invited';
  }

  protected async resend(m: CampaignMemberDto): Promise<void> {
    this.busyId.set(m.employeeId);
    try {
      const { reminded } = await firstValueFrom(this.api.remind(this.campaignId(), { employeeIds: [m.employeeId] }));
      this.snackBar.open(
        reminded ? `Reminder sent to ${m.name}.` : `No reminder went to ${m.name}: they may have sent a selfie meanwhile.`,
        'OK',
        { duration: 6000 },
      );
      this.reload();
      this.changed.emit();
    } catch (err) {
      this.snackBar.open(`Could not remind ${m.name}: ${toDisplayError(err).message}`, 'Dismiss', { duration: 10000 });
    } finally {
      this.busyId.set(null);
    }
  }

  protected async copyLink(m: CampaignMemberDto): Promise<void> {
    this.busyId.set(m.employeeId);
    try {
      const { link, expiresAt } = await firstValueFrom(this.api.inviteLink(m.employeeId));
      let copied = false;
      try {
        await navigator.clipboard.writeText(link);
        copied = true;
      } catch {
        // No clipboard (plain http, permission refused): the dialog lets them copy it by hand.
      }
      if (copied) {
        this.snackBar.open(`Link for ${m.name} copied. Paste it into a chat. Their previous link, the emailed one too, no longer works.`, 'OK', {
          duration: 10000,
        });
      } else {
        this.dialog.open<InviteLinkDialogComponent, InviteLinkDialogData>(InviteLinkDialogComponent, {
          data: { name: m.name, link, expiresAt, copied },
          width: '560px',
          maxWidth: '95vw',
        });
      }
      this.changed.emit();
    } catch (err) {
      this.snackBar.open(`Could not make a link for ${m.name}: ${toDisplayError(err).message}`, 'Dismiss', { duration: 10000 });
    } finally {
      this.busyId.set(null);
    }
  }
}
