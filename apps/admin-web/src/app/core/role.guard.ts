import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { UserRole } from './api-types';
import { AuthService } from './auth.service';

/**
 * Lets a signed-in user through when their role is one of `roles`; anyone else goes to the dashboard.
 * The API checks roles on every endpoint as well: this only keeps people off pages that would 403.
 */
export function requireRole(...roles: UserRole[]): CanActivateFn {
  return async () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if ((await auth.whenReady()) !== 'signed-in') return router.createUrlTree(['/sign-in']);
    const role = auth.user()?.role;
    return role && roles.includes(role) ? true : router.createUrlTree(['/']);
  };
}
