import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTooltip } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import type { SsoDiscoverResponse } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { safeInternalPath } from '../../core/safe-redirect';
import { ThemeService } from '../../core/theme.service';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';

/**
 * Material's default also flags every invalid field once the form was submitted, so a password
 * cleared after a failed sign-in would shout "Enter your password" before the user has typed.
 */
class TouchedErrorStateMatcher implements ErrorStateMatcher {
  isErrorState(control: AbstractControl | null): boolean {
    return !!control && control.invalid && control.touched;
  }
}

@Component({
  selector: 'tf-sign-in-page',
  providers: [{ provide: ErrorStateMatcher, useClass: TouchedErrorStateMatcher }],
  imports: [
    ReactiveFormsModule,
    MatCard,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatError,
    MatHint,
    MatSuffix,
    MatInput,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    MatTooltip,
    ErrorBannerComponent,
  ],
  templateUrl: './sign-in.page.html',
  styleUrl: './sign-in.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  protected readonly auth = inject(AuthService);
  protected readonly theme = inject(ThemeService);
  private readonly router = inject(Router);
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  /** Where to go after signing in; bound from the query string, checked before use. */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<DisplayError | null>(null);
  protected readonly passwordVisible = signal(false);

  protected readonly ssoOpen = signal(false);
  protected readonly ssoChecking = signal(false);
  protected readonly ssoError = signal<DisplayError | null>(null);
  protected readonly ssoIdentity = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly ssoForm = new FormGroup({ identity: this.ssoIdentity });
  private readonly ssoInput = viewChild<ElementRef<HTMLInputElement>>('ssoInput');

  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput = viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      // Put the keyboard where the first problem is, so screen reader users hear its message.
      (this.form.controls.email.invalid ? this.emailInput() : this.passwordInput()).nativeElement.focus();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    this.form.disable();
    try {
      const session = await this.auth.login(this.form.getRawValue());
      const target = safeInternalPath(this.returnUrl());
      // Marketing has nothing to do on the dashboard: their work is the exports page.
      await this.router.navigateByUrl(target === '/' && session.user.role === 'marketing' ? '/exports' : target);
    } catch (err) {
      this.error.set(toDisplayError(err));
      this.form.enable();
      this.form.controls.password.reset();
      this.passwordInput().nativeElement.focus();
    } finally {
      this.submitting.set(false);
      if (this.form.disabled) this.form.enable();
    }
  }

  protected retrySession(): void {
    void this.auth.loadSession().then((status) => {
      if (status === 'signed-in') void this.router.navigateByUrl(safeInternalPath(this.returnUrl()));
    });
  }

  protected openSso(): void {
    if (!this.ssoIdentity.value) this.ssoIdentity.setValue(this.form.controls.email.value.trim());
    this.ssoOpen.set(true);
    // The field renders in this change detection pass; focus it right after.
    setTimeout(() => this.ssoInput()?.nativeElement.focus());
  }

  /**
   * Asks the API which organisation signs in with SSO for this email domain or org ID, then leaves
   * the app for the IdP. A full page load on purpose: the SAML redirect chain must own the window.
   */
  protected async submitSso(): Promise<void> {
    if (this.ssoChecking()) return;
    const value = this.ssoIdentity.value.trim().toLowerCase();
    if (!value) {
      this.ssoIdentity.markAsTouched();
      this.ssoInput()?.nativeElement.focus();
      return;
    }
    this.ssoChecking.set(true);
    this.ssoError.set(null);
    try {
      const params: Record<string, string> = value.includes('@') ? { email: value } : { slug: value };
      const found = await firstValueFrom(this.http.get<SsoDiscoverResponse>('/api/sso/discover', { params }));
      const target = safeInternalPath(this.returnUrl(), '');
      const url = target ? `${found.loginUrl}?relayState=${encodeURIComponent(target)}` : found.loginUrl;
      // loginUrl is a path on our own API; refuse anything else rather than follow it off-site.
      if (!found.loginUrl.startsWith('/api/sso/')) throw new Error('unexpected SSO login URL');
      this.document.location.assign(url);
    } catch (err) {
      this.ssoError.set(toDisplayError(err));
      this.ssoChecking.set(false);
      this.ssoInput()?.nativeElement.focus();
    }
  }
}
