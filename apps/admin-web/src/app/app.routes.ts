import type { Routes } from '@angular/router';
import { redirectSignedIn, requireSignIn } from './core/auth.guard';
import { requireRole } from './core/role.guard';

export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Teamframe',
    canMatch: [redirectSignedIn],
    loadComponent: () => import('./pages/sign-in/sign-in.page').then((m) => m.SignInPage),
  },
  {
    // The employee's page from the invite email: public, no shell, the token is the only key.
    path: 'u/:token',
    title: 'Your headshot · Teamframe',
    loadComponent: () => import('./pages/upload/upload.page').then((m) => m.UploadPage),
  },
  {
    path: '',
    canActivate: [requireSignIn],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Dashboard · Teamframe',
        loadComponent: () => import('./pages/dashboard/dashboard.page').then((m) => m.DashboardPage),
      },
      {
        path: 'employees',
        title: 'Employees · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/employees/employees.page').then((m) => m.EmployeesPage),
      },
      {
        path: 'campaigns',
        title: 'Campaigns · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/campaigns/campaigns.page').then((m) => m.CampaignsPage),
      },
      {
        path: 'campaigns/:id',
        title: 'Campaign · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/campaigns/campaign.page').then((m) => m.CampaignPage),
      },
      {
        path: 'style',
        title: 'Company style · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/style/style.page').then((m) => m.StylePage),
      },
      {
        path: 'batches',
        title: 'Batches · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/batches/batches.page').then((m) => m.BatchesPage),
      },
      {
        path: 'review',
        title: 'Review · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/review/review.page').then((m) => m.ReviewPage),
      },
      {
        path: 'exports',
        title: 'Exports · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin', 'marketing')],
        loadComponent: () => import('./pages/exports/exports.page').then((m) => m.ExportsPage),
      },
      {
        path: 'settings/organisation',
        title: 'Organisation · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/organisation/organisation.page').then((m) => m.OrganisationPage),
      },
      {
        path: 'settings/members',
        title: 'Members · Teamframe',
        canActivate: [requireRole('owner')],
        loadComponent: () => import('./pages/members/members.page').then((m) => m.MembersPage),
      },
      {
        path: 'settings/custom-fields',
        title: 'Custom fields · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/custom-fields/custom-fields.page').then((m) => m.CustomFieldsPage),
      },
      {
        path: 'settings/audit',
        title: 'Audit log · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/audit/audit.page').then((m) => m.AuditPage),
      },
      {
        path: 'settings/notifications',
        title: 'Notifications · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/notifications/notifications.page').then((m) => m.NotificationsPage),
      },
      {
        path: 'settings/api-tokens',
        title: 'API tokens · Teamframe',
        canActivate: [requireRole('owner')],
        loadComponent: () => import('./pages/api-tokens/api-tokens.page').then((m) => m.ApiTokensPage),
      },
      {
        path: 'settings/provisioning',
        title: 'Provisioning · Teamframe',
        canActivate: [requireRole('owner')],
        loadComponent: () => import('./pages/provisioning/provisioning.page').then((m) => m.ProvisioningPage),
      },
      {
        path: 'settings/webhooks',
        title: 'Webhooks · Teamframe',
        canActivate: [requireRole('owner')],
        loadComponent: () => import('./pages/webhooks/webhooks.page').then((m) => m.WebhooksPage),
      },
      {
        path: 'settings/directory-photos',
        title: 'Directory photos · Teamframe',
        canActivate: [requireRole('owner', 'hr_admin')],
        loadComponent: () => import('./pages/directory-photos/directory-photos.page').then((m) => m.DirectoryPhotosPage),
      },
      {
        path: 'settings/sso',
        title: 'Single sign-on · Teamframe',
        canActivate: [requireRole('owner')],
        loadComponent: () => import('./pages/sso-settings/sso-settings.page').then((m) => m.SsoSettingsPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Page not found · Teamframe',
    loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
