import { Clipboard } from '@angular/cdk/clipboard';
import { COMMA, ENTER, SPACE } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatChipGrid, MatChipInput, type MatChipInputEvent, MatChipRemove, MatChipRow } from '@angular/material/chips';
import { MatOption } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { MatSlideToggle, type MatSlideToggleChange } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltip } from '@angular/material/tooltip';
import type { SsoConfigResponse, SsoConfigUpdate, SsoDomainClaimDto, SsoDomainMailRequest, SsoRoleRule, UserRole } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ROLE_LABELS } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { errorDetails } from '../../core/field-errors';
import { confirmed } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { SsoApi } from './sso-api.service';

type LoadState = { kind: 'loading' } | { kind: 'loaded' } | { kind: 'error'; error: DisplayError };

type RuleGroup = FormGroup<{ attribute: FormControl<string>; value: FormControl<string>; role: FormControl<UserRole> }>;

const ROLES: readonly UserRole[] = ['owner', 'hr_admin', 'marketing'];
const MAX_METADATA_BYTES = 500_000;
/** SSO_MAX_CLOCK_SKEW_SEC in shared-types; copied because a value import would bundle zod. */
const SSO_MAX_CLOCK_SKEW_SEC = 300;
/** DOMAIN_PROOF_MAILBOXES in shared-types, copied for the same reason. */
const DOMAIN_PROOF_MAILBOXES: readonly SsoDomainMailRequest['mailbox'][] = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'];

@Component({
  selector: 'tf-sso-settings-page',
  imports: [
    ReactiveFormsModule,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatSuffix,
    MatInput,
    MatSelect,
    MatOption,
    MatSlideToggle,
    MatChipGrid,
    MatChipRow,
    MatChipInput,
    MatChipRemove,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    MatTooltip,
    ErrorBannerComponent,
  ],
  templateUrl: './sso-settings.page.html',
  styleUrl: './sso-settings.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SsoSettingsPage {
  private readonly api = inject(SsoApi);
  private readonly auth = inject(AuthService);
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly maxSkew = SSO_MAX_CLOCK_SKEW_SEC;
  protected readonly separatorKeys = [ENTER, COMMA, SPACE] as const;

  protected readonly state = signal<LoadState>({ kind: 'loading' });
  protected readonly loadError = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.error : null;
  });
  protected readonly config = signal<SsoConfigResponse | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<DisplayError | null>(null);
  protected readonly passwordError = signal<DisplayError | null>(null);
  protected readonly passwordSaving = signal(false);
  protected readonly domains = signal<string[]>([]);
  protected readonly domainsError = signal<string | null>(null);
  protected readonly metadataFileName = signal<string | null>(null);
  protected readonly mailboxes = DOMAIN_PROOF_MAILBOXES;
  protected readonly mailbox = signal<SsoDomainMailRequest['mailbox']>('postmaster');
  /** The domain whose proof is being checked or mailed, for its progress bar. */
  protected readonly domainBusy = signal<string | null>(null);

  protected readonly slug = computed(() => this.auth.org()?.slug ?? '');
  protected readonly metadataDownloadUrl = computed(() => `/api/sso/${encodeURIComponent(this.slug())}/metadata`);
  protected readonly testSignInUrl = computed(
    () => `/api/sso/${encodeURIComponent(this.slug())}/login?relayState=${encodeURIComponent('/settings/sso')}`,
  );
  protected readonly statusText = computed(() => {
    const c = this.config();
    if (!c) return '';
    if (!c.configured) return 'Not set up';
    return c.enabled ? 'On' : 'Off';
  });

  protected readonly form = this.fb.group({
    metadataXml: [''],
    idpEntityId: [''],
    ssoUrl: ['', [Validators.pattern(/^https?:\/\/\S+$/)]],
    // Two slots: the certificate in use and the next one during a rotation. Empty keeps what is stored.
    certificates: this.fb.array([this.fb.control(''), this.fb.control('')]),
    enabled: [false],
    allowIdpInitiated: [false],
    signRequests: [true],
    clockSkewSec: [60, [Validators.required, Validators.min(0), Validators.max(SSO_MAX_CLOCK_SKEW_SEC)]],
    roleMapping: this.fb.array<RuleGroup>([]),
  });

  constructor() {
    void this.load();
  }

  protected get rules(): FormArray<RuleGroup> {
    return this.form.controls.roleMapping;
  }

  protected get certificates(): FormArray<FormControl<string>> {
    return this.form.controls.certificates;
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      const config = await firstValueFrom(this.api.get());
      this.apply(config);
      this.state.set({ kind: 'loaded' });
    } catch (err) {
      this.state.set({ kind: 'error', error: toDisplayError(err) });
    }
  }

  protected async checkDomain(domain: string): Promise<void> {
    await this.proveDomain(domain, () => firstValueFrom(this.api.checkDomain(domain)), (c) => (c.state === 'verified' ? `${domain} is verified.` : `${domain} is not verified yet.`));
  }

  protected async mailDomain(domain: string): Promise<void> {
    const mailbox = this.mailbox();
    await this.proveDomain(domain, () => firstValueFrom(this.api.mailDomain(domain, { mailbox })), () => `A confirmation link went to ${mailbox}@${domain}.`);
  }

  private async proveDomain(domain: string, call: () => Promise<SsoDomainClaimDto>, done: (c: SsoDomainClaimDto) => string): Promise<void> {
    this.domainBusy.set(domain);
    try {
      const claim = await call();
      this.config.update((c) => (c ? { ...c, domainClaims: c.domainClaims.map((d) => (d.domain === domain ? claim : d)) } : c));
      this.snackBar.open(done(claim), 'OK', { duration: 5000 });
    } catch (err) {
      this.snackBar.open(toDisplayError(err).message, 'OK', { duration: 8000 });
    } finally {
      this.domainBusy.set(null);
    }
  }

  protected copy(text: string, what: string): void {
    const ok = this.clipboard.copy(text);
    this.snackBar.open(ok ? `${what} copied.` : `Could not copy. Select the text and copy it by hand.`, 'OK', { duration: 3000 });
  }

  protected async pickMetadata(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_METADATA_BYTES) {
      this.form.controls.metadataXml.setErrors({ server: 'This file is larger than 500 KB; it is not IdP metadata.' });
      this.form.controls.metadataXml.markAsTouched();
      return;
    }
    this.form.controls.metadataXml.setValue(await file.text());
    this.form.controls.metadataXml.markAsDirty();
    this.metadataFileName.set(file.name);
  }

  protected addRule(rule?: SsoRoleRule): void {
    this.rules.push(
      this.fb.group({
        attribute: [rule?.attribute ?? 'groups', [Validators.required]],
        value: [rule?.value ?? '', [Validators.required]],
        role: this.fb.control<UserRole>(rule?.role ?? 'hr_admin'),
      }),
    );
    this.form.markAsDirty();
  }

  protected removeRule(index: number): void {
    this.rules.removeAt(index);
    this.form.markAsDirty();
  }

  protected addDomain(event: MatChipInputEvent): void {
    const value = event.value.trim().toLowerCase().replace(/^@/, '');
    event.chipInput.clear();
    if (!value) return;
    if (!/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(value)) {
      this.domainsError.set(`“${value}” is not a domain like example.com.`);
      return;
    }
    this.domainsError.set(null);
    if (!this.domains().includes(value)) this.domains.update((d) => [...d, value]);
    this.form.markAsDirty();
  }

  protected removeDomain(domain: string): void {
    this.domains.update((d) => d.filter((x) => x !== domain));
    this.form.markAsDirty();
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.saveError.set({ code: 'VALIDATION_FAILED', message: 'Fix the highlighted fields first.', requestId: null, status: 0 });
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    try {
      const config = await firstValueFrom(this.api.update(this.patch()));
      this.apply(config);
      this.snackBar.open('Single sign-on settings saved.', 'OK', { duration: 5000 });
    } catch (err) {
      this.showSaveError(err);
    } finally {
      this.saving.set(false);
    }
  }

  protected async togglePasswordSignIn(event: MatSlideToggleChange): Promise<void> {
    const disable = event.checked;
    this.passwordError.set(null);
    if (disable) {
      const ok = await confirmed(
        this.dialog,
        {
          title: 'Turn off password sign-in?',
          message:
            'Everyone in your organisation, you included, will have to sign in through your identity provider. ' +
            'If the identity provider is down or misconfigured, nobody can sign in until it is fixed.',
          confirmLabel: 'Turn off password sign-in',
          destructive: true,
        },
        '480px',
      );
      if (!ok) {
        event.source.checked = false;
        return;
      }
    }
    this.passwordSaving.set(true);
    try {
      const config = await firstValueFrom(this.api.update({ passwordLoginDisabled: disable }));
      this.config.set(config);
      this.snackBar.open(disable ? 'Password sign-in is off.' : 'Password sign-in is on again.', 'OK', { duration: 5000 });
    } catch (err) {
      event.source.checked = !disable;
      const details = errorDetails(err);
      const shown = toDisplayError(err);
      // The API says why (SSO not on yet, or the owner has not signed in with it): show that sentence.
      this.passwordError.set(details.length ? { ...shown, message: `This switch ${details[0].message}.` } : shown);
    } finally {
      this.passwordSaving.set(false);
    }
  }

  private patch(): SsoConfigUpdate {
    const v = this.form.getRawValue();
    const c = this.config();
    const patch: SsoConfigUpdate = {
      enabled: v.enabled,
      allowIdpInitiated: v.allowIdpInitiated,
      signRequests: v.signRequests,
      clockSkewSec: Number(v.clockSkewSec),
      roleMapping: v.roleMapping.map((r) => ({ attribute: r.attribute.trim(), value: r.value.trim(), role: r.role })),
      emailDomains: this.domains(),
    };
    if (v.metadataXml.trim()) patch.metadataXml = v.metadataXml.trim();
    // Typed fields win over the metadata on the server, so send them only when the owner changed them.
    if (v.idpEntityId.trim() && v.idpEntityId.trim() !== (c?.idpEntityId ?? '')) patch.idpEntityId = v.idpEntityId.trim();
    if (v.ssoUrl.trim() && v.ssoUrl.trim() !== (c?.ssoUrl ?? '')) patch.ssoUrl = v.ssoUrl.trim();
    const certs = v.certificates.map((x) => x.trim()).filter(Boolean);
    if (certs.length) patch.certificates = certs;
    return patch;
  }

  private apply(config: SsoConfigResponse): void {
    this.config.set(config);
    this.form.reset({
      metadataXml: '',
      idpEntityId: config.idpEntityId ?? '',
      ssoUrl: config.ssoUrl ?? '',
      certificates: ['', ''],
      enabled: config.enabled,
      allowIdpInitiated: config.allowIdpInitiated,
      signRequests: config.signRequests,
      clockSkewSec: config.clockSkewSec,
    });
    this.rules.clear();
    for (const rule of config.roleMapping) this.addRule(rule);
    this.domains.set([...config.emailDomains]);
    this.domainsError.set(null);
    this.metadataFileName.set(null);
    this.form.markAsPristine();
  }

  private showSaveError(err: unknown): void {
    const shown = toDisplayError(err);
    const details = errorDetails(err);
    const sentences: string[] = [];
    for (const d of details) {
      const control = this.form.get(d.path);
      const sentence = `${fieldLabel(d.path)} ${d.message}.`;
      if (control && d.path !== 'enabled') {
        control.setErrors({ server: sentence });
        control.markAsTouched();
      }
      if (d.path.startsWith('emailDomains')) this.domainsError.set(sentence);
      sentences.push(sentence);
    }
    this.saveError.set(sentences.length ? { ...shown, message: sentences.join(' ') } : shown);
  }
}

function fieldLabel(path: string): string {
  const [head, index, leaf] = path.split('.');
  switch (head) {
    case 'metadataXml':
      return 'The metadata XML';
    case 'idpEntityId':
      return 'The IdP entity ID';
    case 'ssoUrl':
      return 'The SSO URL';
    case 'certificates':
      return index === undefined ? 'The certificates' : `Certificate ${Number(index) + 1}`;
    case 'enabled':
      return 'Turning single sign-on on';
    case 'clockSkewSec':
      return 'The clock skew';
    case 'emailDomains':
      return index === undefined ? 'The email domains' : `Email domain ${Number(index) + 1}`;
    case 'roleMapping':
      return index === undefined ? 'The role mapping' : `Rule ${Number(index) + 1}${leaf ? ` (${leaf})` : ''}`;
    case 'passwordLoginDisabled':
      return 'Password sign-in';
    case 'signRequests':
      return 'Signing sign-in requests';
    default:
      return path;
  }
}
