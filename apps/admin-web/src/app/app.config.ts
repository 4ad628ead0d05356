import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  LOCALE_ID,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { DateAdapter, MAT_DATE_LOCALE, provideNativeDateAdapter } from '@angular/material/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { routes } from './app.routes';
import { AuthService } from './core/auth.service';
import { sessionExpiryInterceptor } from './core/session-expiry.interceptor';
import { LocaleDateAdapter } from './core/locale-date-adapter';
import { ThemeService } from './core/theme.service';
import { userLocale } from './core/user-locale';

/** One locale for every date and number on the page, the datepicker's typing included. */
const LOCALE = userLocale();

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideHttpClient(
      withFetch(),
      // The API sets XSRF-TOKEN on GET /api/auth/session and checks this header on every mutation.
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([sessionExpiryInterceptor]),
    ),
    // Ask for the session (and so the CSRF cookie) before the first screen, but never block the app
    // on it: a failed check is shown on the sign-in page instead.
    provideAppInitializer(() => {
      inject(ThemeService);
      void inject(AuthService).loadSession();
    }),
    { provide: LOCALE_ID, useValue: LOCALE },
    { provide: MAT_DATE_LOCALE, useValue: LOCALE },
    provideNativeDateAdapter(),
    { provide: DateAdapter, useClass: LocaleDateAdapter },
    { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } },
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } },
  ],
};
