import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { MemberDto, UpdateMemberRequest, UserRole } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ROLE_LABELS } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { injectIsPhone } from '../../core/phone-layout';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { MemberDialogComponent } from './member-dialog.component';
import { MembersApi } from './members-api.service';
import { ROLE_SENTENCES } from './roles';

type ListState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

@Component({
  selector: 'tf-members-page',
  imports: [
    NgTemplateOutlet,
    DatePipe,
    RouterLink,
    MatTableModule,
    MatButton,
    MatIcon,
    MatFormField,
    MatSelect,
    MatOption,
    MatProgressBar,
    ErrorBannerComponent,
  ],
  templateUrl: './members.page.html',
  styleUrl: './members.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MembersPage {
  private readonly api = inject(MembersApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly roles = Object.keys(ROLE_LABELS) as UserRole[];
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleSentences = ROLE_SENTENCES;
  /** A phone shows name and role; sign-in, status and the action move under the name instead of scrolling sideways. */
  protected readonly isPhone = injectIsPhone();
  protected readonly columns = computed(() => (this.isPhone() ? ['member'] : ['member', 'role', 'signIn', 'status', 'actions']));
  /** An address split after the @ so a narrow column wraps it there, never mid-word. */
  protected emailParts(email: string): [string, string] {
    const at = email.lastIndexOf('@');
    return at < 0 ? [email, ''] : [email.slice(0, at + 1), email.slice(at + 1)];
  }

  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly listError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly members = signal<MemberDto[]>([]);
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  /** The API's refusal of the last change (e.g. 409: the last owner cannot be demoted). */
  protected readonly actionError = signal<DisplayError | null>(null);
  protected readonly myId = computed(() => this.auth.user()?.id ?? null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      this.members.set(await firstValueFrom(this.api.list()));
      this.state.set({ kind: 'loaded' });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected isBusy(id: string): boolean {
    return this.busy().has(id);
  }

  protected signInText(m: MemberDto): string {
    const parts = m.signsInWith.map((s) => (s === 'sso' ? 'SSO' : 'Password'));
    return parts.length ? parts.join(' and ') : 'Nothing yet';
  }

  protected addMember(): void {
    const ref = this.dialog.open<MemberDialogComponent, void, MemberDto>(MemberDialogComponent, {
      width: '480px',
      maxWidth: 'calc(100vw - 32px)',
    });
    ref.afterClosed().subscribe((created) => {
      if (!created) return;
      this.members.update((list) => [...list, created]);
      this.snackBar.open(`${created.displayName} can now sign in as ${ROLE_LABELS[created.role]}.`, 'OK', { duration: 5000 });
    });
  }

  protected async changeRole(m: MemberDto, role: UserRole): Promise<void> {
    if (role === m.role) return;
    await this.patch(m, { role }, (saved) => `${saved.displayName} is now ${ROLE_LABELS[saved.role]}.`);
  }

  protected async setDisabled(m: MemberDto, disabled: boolean): Promise<void> {
    if (disabled) {
      const ok = await confirmed(this.dialog, {
        title: `Disable ${m.displayName}?`,
        message: `${m.displayName} is signed out everywhere and cannot sign in until you enable them again.`,
        confirmLabel: 'Disable',
        destructive: true,
      });
      if (!ok) return;
    }
    await this.patch(m, { disabled }, (saved) => `${saved.displayName} is ${saved.disabled ? 'disabled' : 'enabled again'}.`);
  }

  private async patch(m: MemberDto, change: UpdateMemberRequest, done: (saved: MemberDto) => string): Promise<void> {
    this.actionError.set(null);
    this.busy.update((s) => new Set(s).add(m.id));
    try {
      const saved = await firstValueFrom(this.api.update(m.id, change));
      this.members.update((list) => list.map((x) => (x.id === saved.id ? saved : x)));
      this.snackBar.open(done(saved), 'OK', { duration: 4000 });
    } catch (err) {
      // Put the row back as it was (the select shows the old role again) and say why.
      this.members.update((list) => list.map((x) => (x.id === m.id ? { ...m } : x)));
      this.actionError.set(toDisplayError(err));
    } finally {
      this.busy.update((s) => {
        const next = new Set(s);
        next.delete(m.id);
        return next;
      });
    }
  }
}
