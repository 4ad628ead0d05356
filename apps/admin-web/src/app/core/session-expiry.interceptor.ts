import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { tap } from 'rxjs';
import { AuthService } from './auth.service';

const AUTH_ENDPOINTS = ['/api/auth/session', '/api/auth/login'];

/** A 401 on any other API call means the session is gone: go back to sign-in, then return here. */
export const sessionExpiryInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    tap({
      error: (err: unknown) => {
        if (!(err instanceof HttpErrorResponse) || err.status !== 401) return;
        if (AUTH_ENDPOINTS.some((path) => req.url.startsWith(path))) return;
        if (!auth.signedIn()) return;
        auth.sessionEnded();
        const returnUrl = router.url;
        void router.navigate(['/sign-in'], {
          queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {},
        });
      },
    }),
  );
};
