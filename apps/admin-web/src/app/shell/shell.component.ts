import { ChangeDetectionStrategy, Component, computed, effect, inject, LOCALE_ID, signal, untracked, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatListItem, MatListItemIcon, MatListItemTitle, MatListSubheaderCssMatStyler, MatNavList } from '@angular/material/list';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbar } from '@angular/material/toolbar';
import { MatTooltip } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { toDisplayError } from '../core/api-error';
import { ROLE_LABELS, type UserRole } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { LOCALE_STORAGE_KEY, SUPPORTED_LOCALES } from '../core/locale-match';
import { injectIsPhone } from '../core/phone-layout';
import { ThemeService } from '../core/theme.service';

interface NavItem {
  path: string;
  label: string;
  icon: string;
  /** Who sees the item; the route's guard and the API enforce the same roles. */
  roles: readonly UserRole[];
}

interface NavGroup {
  /** Shown as a subheading above the items; null for the top group. */
  heading: string | null;
  items: readonly NavItem[];
}

const ALL_ROLES: readonly UserRole[] = ['owner', 'hr_admin', 'marketing'];

/** Only pages that exist. Add a line here when a page lands; no placeholders. */
const NAV_GROUPS: readonly NavGroup[] = [
  {
    heading: null,
    items: [
      { path: '/', label: 'Dashboard', icon: 'dashboard', roles: ALL_ROLES },
      { path: '/employees', label: 'Employees', icon: 'groups', roles: ['owner', 'hr_admin'] },
      { path: '/campaigns', label: 'Campaigns', icon: 'campaign', roles: ['owner', 'hr_admin'] },
      { path: '/style', label: 'Company style', icon: 'palette', roles: ['owner', 'hr_admin'] },
      { path: '/batches', label: 'Batches', icon: 'burst_mode', roles: ['owner', 'hr_admin'] },
      { path: '/review', label: 'Review', icon: 'rate_review', roles: ['owner', 'hr_admin'] },
      { path: '/exports', label: 'Exports', icon: 'folder_zip', roles: ALL_ROLES },
    ],
  },
  {
    heading: 'Settings',
    items: [
      { path: '/settings/organisation', label: 'Organisation', icon: 'apartment', roles: ['owner', 'hr_admin'] },
      { path: '/settings/members', label: 'Members', icon: 'manage_accounts', roles: ['owner'] },
      { path: '/settings/custom-fields', label: 'Custom fields', icon: 'dynamic_form', roles: ['owner', 'hr_admin'] },
      { path: '/settings/sso', label: 'Single sign-on', icon: 'key', roles: ['owner'] },
      { path: '/settings/provisioning', label: 'Provisioning', icon: 'sync_alt', roles: ['owner'] },
      { path: '/settings/api-tokens', label: 'API tokens', icon: 'token', roles: ['owner'] },
      { path: '/settings/webhooks', label: 'Webhooks', icon: 'webhook', roles: ['owner'] },
      { path: '/settings/directory-photos', label: 'Directory photos', icon: 'contact_page', roles: ['owner', 'hr_admin'] },
      { path: '/settings/audit', label: 'Audit log', icon: 'history', roles: ['owner', 'hr_admin'] },
      { path: '/settings/notifications', label: 'Notifications', icon: 'notifications', roles: ['owner', 'hr_admin'] },
    ],
  },
];

@Component({
  selector: 'tf-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbar,
    MatSidenavContainer,
    MatSidenav,
    MatSidenavContent,
    MatNavList,
    MatListItem,
    MatListItemIcon,
    MatListItemTitle,
    MatListSubheaderCssMatStyler,
    MatIcon,
    MatIconButton,
    MatButton,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatDivider,
    MatTooltip,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  protected readonly auth = inject(AuthService);
  protected readonly theme = inject(ThemeService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly navGroups = computed(() => {
    const role = this.auth.user()?.role;
    return NAV_GROUPS.map((g) => ({ ...g, items: g.items.filter((i) => !!role && i.roles.includes(role)) })).filter(
      (g) => g.items.length > 0,
    );
  });
  protected readonly signingOut = signal(false);
  protected readonly isPhone = injectIsPhone();
  protected readonly roleLabel = computed(() => {
    const role = this.auth.user()?.role;
    return role ? ROLE_LABELS[role] : '';
  });
  protected readonly themeToggleLabel = computed(() =>
    this.theme.mode() === 'dark' ? 'Switch to light theme' : 'Switch to dark theme',
  );

  private readonly sidenav = viewChild.required(MatSidenav);

  constructor() {
    // On a phone the nav is an overlay: close it once the user has picked a page.
    const navigated = toSignal(this.router.events.pipe(filter((e) => e instanceof NavigationEnd)));
    effect(() => {
      navigated();
      const phone = this.isPhone();
      // untracked: close() reads the drawer's own `opened` signal, which would make opening the
      // drawer re-run this effect and shut it again at once.
      untracked(() => {
        if (phone) void this.sidenav().close();
      });
    });
  }

  protected readonly locales = SUPPORTED_LOCALES;
  protected readonly locale = inject(LOCALE_ID);

  /**
   * How this person wants dates written, overriding the browser's language; null returns to the
   * browser's. Kept in this browser and applied by reloading, since every page formats with it.
   */
  protected setLocale(id: string | null): void {
    try {
      if (id) localStorage.setItem(LOCALE_STORAGE_KEY, id);
      else localStorage.removeItem(LOCALE_STORAGE_KEY);
    } catch {
      return;
    }
    location.reload();
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.logout();
      await this.router.navigate(['/sign-in']);
    } catch (err) {
      const error = toDisplayError(err);
      this.snackBar.open(`Sign-out failed: ${error.message}`, 'Dismiss', { duration: 8000 });
      await this.router.navigate(['/sign-in']);
    } finally {
      this.signingOut.set(false);
    }
  }
}
