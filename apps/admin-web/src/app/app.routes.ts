import type { Routes } from '@angular/router';
import { redirectSignedIn, requireSignIn } from './core/auth.guard';

export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · Teamframe',
    canMatch: [redirectSignedIn],
    loadComponent: () => import('./pages/sign-in/sign-in.page').then((m) => m.SignInPage),
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
    ],
  },
  {
    path: '**',
    title: 'Page not found · Teamframe',
    loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
