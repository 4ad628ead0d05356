import { inject } from '@angular/core';
import { Router, type CanActivateFn, type CanMatchFn } from '@angular/router';
import { AuthService } from './auth.service';

/** Lets signed-in users through; sends everyone else to /sign-in, remembering where they were going. */
export const requireSignIn: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if ((await auth.whenReady()) === 'signed-in') return true;
  return router.createUrlTree(['/sign-in'], {
    queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {},
  });
};

/** Keeps a signed-in user off the sign-in page. */
export const redirectSignedIn: CanMatchFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return (await auth.whenReady()) === 'signed-in' ? router.createUrlTree(['/']) : true;
};
