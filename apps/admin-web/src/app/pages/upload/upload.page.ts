import { NgTemplateOutlet } from '@angular/common';
import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
import { Dir } from '@angular/cdk/bidi';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { firstValueFrom, type Subscription } from 'rxjs';
import { toDisplayError, type DisplayError } from '../../core/api-error';
import { ErrorBannerComponent } from '../../shared/error-banner/error-banner.component';
import { type InvitePage, type PhotoCheck, UploadApi } from './upload-api.service';
import { CaptureGuideComponent } from './capture-guide.component';
import { browserLanguage, PageI18n } from './page-i18n.service';

type LandingState =
  | { kind: 'loading' }
  | { kind: 'loaded'; invite: InvitePage }
  /** The link itself is unusable (404 unknown, 410 expired): a full page, no retry. */
  | { kind: 'dead'; expired: boolean }
  | { kind: 'error'; error: DisplayError };

type UploadPhase =
  | { kind: 'idle' }
  | { kind: 'sending'; percent: number | null }
  | { kind: 'checking' }
  /**
   * `waitsForBatch`: the org collects selfies and HR starts the headshots later (batch mode).
   * `checkLater`: the API kept the photo but could not check it yet (202); its sentence, in the page's language.
   */
  | { kind: 'accepted'; waitsForBatch: boolean; checkLater?: string }
  /** `message` and the checks' sentences come from the API, already in the page's language. */
  | { kind: 'rejected'; message: string; checks: PhotoCheck[] }
  | { kind: 'failed'; error: DisplayError };

interface ChosenPhoto {
  file: File;
  url: string;
  /** HEIC and friends do not render in most browsers; then we show the file name instead. */
  previewFailed: boolean;
}

/** The journey after the selfie; each step's words are the messages `upload.step.<status>.label|detail`. */
const STEPS = [{ status: 'uploaded' }, { status: 'processing' }, { status: 'in_review' }, { status: 'approved' }] as const;

const DAY_MS = 86_400_000;

const POLL_MS = 5000;

@Component({
  selector: 'tf-upload-page',
  imports: [Dir, NgTemplateOutlet, MatButton, MatCheckbox, MatIcon, MatProgressBar, MatProgressSpinner, ErrorBannerComponent, CaptureGuideComponent],
  providers: [PageI18n],
  templateUrl: './upload.page.html',
  styleUrl: './upload.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadPage {
  private readonly api = inject(UploadApi);
  protected readonly i18n = inject(PageI18n);

  /** From the route: /u/:token. */
  readonly token = input.required<string>();

  protected readonly steps = STEPS;
  protected readonly landing = signal<LandingState>({ kind: 'loading' });
  protected readonly invite = computed(() => {
    const s = this.landing();
    return s.kind === 'loaded' ? s.invite : null;
  });
  protected readonly landingError = computed(() => {
    const s = this.landing();
    return s.kind === 'error' ? s.error : null;
  });
  /** The org's logo in the header (alt = the org's name); the Teamframe mark alone when there is none or it fails. */
  protected readonly logoFailed = signal(false);
  protected readonly orgLogo = computed(() => {
    const inv = this.invite();
    return inv?.logoUrl && !this.logoFailed() ? { url: inv.logoUrl, orgName: inv.orgName } : null;
  });
  protected readonly deadLink = computed(() => {
    const s = this.landing();
    return s.kind === 'dead' ? s : null;
  });

  protected readonly consentChecked = signal(false);
  protected readonly consentSaving = signal(false);
  protected readonly consentError = signal<DisplayError | null>(null);

  protected readonly chosen = signal<ChosenPhoto | null>(null);
  protected readonly phase = signal<UploadPhase>({ kind: 'idle' });
  protected readonly busy = computed(() => ['sending', 'checking'].includes(this.phase().kind));
  protected readonly rejection = computed(() => {
    const p = this.phase();
    return p.kind === 'rejected' ? p : null;
  });
  protected readonly uploadError = computed(() => {
    const p = this.phase();
    return p.kind === 'failed' ? p.error : null;
  });
  protected readonly sendPercent = computed(() => {
    const p = this.phase();
    return p.kind === 'sending' ? p.percent : null;
  });

  /** Whether the employee can send a photo now: first time, or after HR rejected the last one. */
  protected readonly canUpload = computed(() => {
    const status = this.invite()?.status;
    return status === 'invited' || status === 'rejected';
  });
  protected readonly needsConsent = computed(() => !!this.invite() && !this.invite()?.consentAcceptedAt);
  /**
   * The step in progress; -1 before any photo. "Uploaded" is the batch mode's waiting step: the
   * selfie is received and waits for HR to start the headshots, so "received" is still current.
   */
  protected readonly stepIndex = computed(() => STEPS.findIndex((s) => s.status === this.invite()?.status));
  protected readonly waitsForBatch = computed(() => this.invite()?.status === 'uploaded');
  protected readonly accepted = computed(() => {
    const p = this.phase();
    if (p.kind === 'accepted') return p;
    // Back on the page while the selfie sent earlier still waits for its check: say it is kept (and, when
    // the company's storage is full, that it waits for space rather than for a new photo).
    const invite = this.invite();
    if (p.kind === 'idle' && invite?.checking) return { kind: 'accepted' as const, waitsForBatch: false, checkLater: this.i18n.t(invite.waitingForSpace ? 'upload.keptUntilSpace' : 'upload.checkLater') };
    return null;
  });
  /** Why the selfie sent earlier through this link was refused (it was checked after the employee left the page). */
  protected readonly lastRefusal = computed(() => (this.phase().kind === 'idle' && !this.invite()?.checking ? (this.invite()?.lastRefusal ?? null) : null));
  /** The campaign's due day in the page's language, written as the mails write it. */
  protected readonly dueOn = computed(() => {
    const day = this.invite()?.dueOn;
    return day ? this.i18n.day(day) : null;
  });
  /** When the link stops working, and how many whole days are left (0 on its last day). */
  protected readonly footer = computed(() => {
    const at = this.invite()?.expiresAt;
    if (!at) return '';
    const days = Math.max(0, Math.floor((Date.parse(at) - Date.now()) / DAY_MS));
    return this.i18n.t('upload.footer', { date: this.i18n.day(new Date(at)), days });
  });

  private readonly pollTick = signal(0);
  private uploadSub: Subscription | null = null;

  constructor() {
    // The first words in the browser's language; the link's own language follows once it is read.
    void this.i18n.use(browserLanguage());
    effect(() => {
      // Re-read the link whenever the token changes (also the first load).
      void this.load(this.token());
    });
    // While the selfie waits for its check or the headshot is being made, look again every few seconds; stop once a person has to act.
    effect((onCleanup) => {
      this.pollTick();
      const status = this.invite()?.status;
      if (status !== 'uploaded' && status !== 'processing' && !this.invite()?.checking) return;
      const timer = setTimeout(() => void this.refresh(), POLL_MS);
      onCleanup(() => clearTimeout(timer));
    });
    inject(DestroyRef).onDestroy(() => {
      this.uploadSub?.unsubscribe();
      this.revokePreview();
    });
  }

  protected async load(token: string): Promise<void> {
    this.landing.set({ kind: 'loading' });
    try {
      // This GET also makes the API set the XSRF-TOKEN cookie the consent and photo POSTs need.
      const invite = await firstValueFrom(this.api.landing(token));
      // The page appears once its words are there, so it never flashes up in another language.
      await this.i18n.use(invite.language);
      this.landing.set({ kind: 'loaded', invite });
    } catch (err) {
      this.landing.set(this.toLandingError(err));
    }
  }

  protected retryLoad(): void {
    void this.load(this.token());
  }

  /** A quiet re-read for polling: keeps the page as it is when the network hiccups. */
  private async refresh(): Promise<void> {
    try {
      const invite = await firstValueFrom(this.api.landing(this.token()));
      this.landing.set({ kind: 'loaded', invite });
    } catch (err) {
      const next = this.toLandingError(err);
      // The link stopped working meanwhile (HR resent it, it expired): say so.
      if (next.kind === 'dead') this.landing.set(next);
    } finally {
      this.pollTick.update((n) => n + 1);
    }
  }

  protected async acceptConsent(): Promise<void> {
    const invite = this.invite();
    if (!invite || !this.consentChecked() || this.consentSaving()) return;
    this.consentSaving.set(true);
    this.consentError.set(null);
    try {
      const { consentAcceptedAt } = await firstValueFrom(this.api.acceptConsent(this.token()));
      this.landing.set({ kind: 'loaded', invite: { ...invite, consentAcceptedAt } });
    } catch (err) {
      this.consentError.set(toDisplayError(err));
    } finally {
      this.consentSaving.set(false);
    }
  }

  /** The in-page camera with its guide is open (where the browser allows one). */
  protected readonly camera = signal(false);

  /** The guided in-page camera where the browser has one; else the phone's own camera app. */
  protected takeSelfie(fallback: HTMLInputElement): void {
    if (typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function') this.camera.set(true);
    else fallback.click();
  }

  protected onCaptured(file: File): void {
    this.camera.set(false);
    this.revokePreview();
    this.chosen.set({ file, url: URL.createObjectURL(file), previewFailed: false });
    this.send(file);
  }

  protected onFileChosen(input: HTMLInputElement): void {
    const file = input.files?.[0];
    // Cleared so picking the same photo again (after a failed upload) still fires "change".
    input.value = '';
    if (!file) return;
    this.revokePreview();
    this.chosen.set({ file, url: URL.createObjectURL(file), previewFailed: false });
    this.send(file);
  }

  protected previewFailed(): void {
    this.chosen.update((c) => (c ? { ...c, previewFailed: true } : c));
  }

  protected retrySend(): void {
    const photo = this.chosen();
    if (photo) this.send(photo.file);
  }

  private send(file: File): void {
    this.uploadSub?.unsubscribe();
    this.phase.set({ kind: 'sending', percent: 0 });
    this.uploadSub = this.api.uploadPhoto(this.token(), file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          const percent = event.total ? Math.round((100 * event.loaded) / event.total) : null;
          // All bytes are out: the server is now looking at the photo.
          this.phase.set(percent === 100 ? { kind: 'checking' } : { kind: 'sending', percent });
        } else if (event.type === HttpEventType.Response) {
          const body = event.body;
          this.phase.set({ kind: 'accepted', waitsForBatch: body?.status === 'uploaded', checkLater: body?.status === 'checking' ? body.message : undefined });
          void this.refresh();
        }
      },
      error: (err: unknown) => this.phase.set(this.toUploadFailure(err)),
    });
  }

  private revokePreview(): void {
    const current = this.chosen();
    if (current) URL.revokeObjectURL(current.url);
  }

  private toLandingError(err: unknown): LandingState {
    const shown = toDisplayError(err);
    if (shown.status === 404 || shown.status === 410) return { kind: 'dead', expired: shown.status === 410 };
    return { kind: 'error', error: { ...shown, message: this.i18n.t(shown.status === 0 ? 'upload.failed.offline' : 'upload.loadError.message') } };
  }

  /** A refusal keeps the API's sentences (already in the page's language); other failures get the page's own words by status. */
  private toUploadFailure(err: unknown): UploadPhase {
    const body = err instanceof HttpErrorResponse ? (err.error as { error?: { code?: string; message?: string; checks?: unknown } } | null) : null;
    if (err instanceof HttpErrorResponse && err.status === 422 && Array.isArray(body?.error?.checks)) {
      const checks = (body.error.checks as PhotoCheck[]).filter((c) => typeof c?.sentence === 'string');
      return { kind: 'rejected', message: body.error.message ?? this.i18n.t('check.refused'), checks };
    }
    const shown = toDisplayError(err);
    // 415 comes with the API's sentence in the employee's language; the others are said here.
    const key = shown.status === 415 && shown.code !== 'UNKNOWN_ERROR' ? null : (UPLOAD_FAILURES[shown.status] ?? 'upload.failed.other');
    return { kind: 'failed', error: key ? { ...shown, message: this.i18n.t(key) } : shown };
  }
}

/** Upload failures by HTTP status, as message keys. */
const UPLOAD_FAILURES: Record<number, string> = {
  0: 'upload.failed.offline',
  409: 'upload.failed.noConsent',
  413: 'upload.failed.tooLarge',
  415: 'upload.failed.notPhoto',
  429: 'upload.failed.tooMany',
  503: 'upload.failed.busy',
};
