import { HttpClient, HttpErrorResponse, HttpXsrfTokenExtractor } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from './api-error';
import type { LoginRequest, Session } from './api-types';

/** `unknown` until the first session check answers; `error` when the server could not be asked. */
export type AuthStatus = 'unknown' | 'signed-in' | 'signed-out' | 'error';

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly xsrf = inject(HttpXsrfTokenExtractor);

  private readonly sessionState = signal<Session | null>(null);
  private readonly statusState = signal<AuthStatus>('unknown');
  private readonly loadError = signal<DisplayError | null>(null);
  private pending: Promise<AuthStatus> | null = null;

  readonly session = this.sessionState.asReadonly();
  readonly status = this.statusState.asReadonly();
  /** Why the session could not be checked (server down, 5xx); null when it could. */
  readonly sessionError = this.loadError.asReadonly();
  readonly user = computed(() => this.sessionState()?.user ?? null);
  readonly org = computed(() => this.sessionState()?.org ?? null);
  readonly signedIn = computed(() => this.statusState() === 'signed-in');

  /**
   * Asks the API who we are. Runs at startup: besides the answer it makes the API set the
   * XSRF-TOKEN cookie, which every later POST (sign-in included) must echo back as a header.
   * Concurrent callers share one request.
   */
  loadSession(): Promise<AuthStatus> {
    this.pending ??= this.fetchSession().finally(() => (this.pending = null));
    return this.pending;
  }

  /** Resolves once the first session check has finished, without starting a second one. */
  whenReady(): Promise<AuthStatus> {
    const status = this.statusState();
    return status === 'unknown' ? this.loadSession() : Promise.resolve(status);
  }

  async login(credentials: LoginRequest): Promise<Session> {
    await this.ensureCsrfCookie();
    let session: Session;
    try {
      session = await firstValueFrom(this.http.post<Session>('/api/auth/login', credentials));
    } catch (err) {
      // A stale CSRF cookie (server restarted, cookie expired in another tab) is not the user's
      // fault: fetch a fresh one and try once more.
      if (!(err instanceof HttpErrorResponse) || toDisplayError(err).code !== 'CSRF_TOKEN_MISMATCH') throw err;
      await this.loadSession();
      session = await firstValueFrom(this.http.post<Session>('/api/auth/login', credentials));
    }
    this.sessionState.set(session);
    this.statusState.set('signed-in');
    this.loadError.set(null);
    return session;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>('/api/auth/logout', null));
    } finally {
      this.sessionState.set(null);
      this.statusState.set('signed-out');
      // The API may drop the CSRF cookie with the session; fetch a fresh one for the next sign-in.
      void this.loadSession();
    }
  }

  /** Called when any API request answers 401: the session expired or was revoked elsewhere. */
  sessionEnded(): void {
    if (this.statusState() !== 'signed-in') return;
    this.sessionState.set(null);
    this.statusState.set('signed-out');
  }

  private async ensureCsrfCookie(): Promise<void> {
    if (!this.xsrf.getToken()) await this.loadSession();
  }

  private async fetchSession(): Promise<AuthStatus> {
    try {
      const session = await firstValueFrom(this.http.get<Session>('/api/auth/session'));
      this.sessionState.set(session);
      this.statusState.set('signed-in');
      this.loadError.set(null);
    } catch (err) {
      this.sessionState.set(null);
      if (err instanceof HttpErrorResponse && err.status === 401) {
        this.statusState.set('signed-out');
        this.loadError.set(null);
      } else {
        this.statusState.set('error');
        this.loadError.set(toDisplayError(err));
      }
    }
    return this.statusState();
  }
}
