import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
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

type LandingState =
  | { kind: 'loading' }
  | { kind: 'loaded'; invite: InvitePage }
  /** The link itself is unusable (404 unknown, 410 expired): a full page, no retry. */
  | { kind: 'dead'; expired: boolean; message: string }
  | { kind: 'error'; error: DisplayError };

type UploadPhase =
  | { kind: 'idle' }
  | { kind: 'sending'; percent: number | null }
  | { kind: 'checking' }
  /** `waitsForBatch`: the org collects selfies and HR starts the headshots later (batch mode). */
  | { kind: 'accepted'; waitsForBatch: boolean }
  | { kind: 'rejected'; message: string; checks: PhotoCheck[] }
  | { kind: 'failed'; error: DisplayError };

interface ChosenPhoto {
  file: File;
  url: string;
  /** HEIC and friends do not render in most browsers; then we show the file name instead. */
  previewFailed: boolean;
}

const STEPS = [
  { status: 'uploaded', label: 'Photo received', detail: 'We have your selfie. Your HR team creates everyone’s headshots together, soon.' },
  { status: 'processing', label: 'Creating your headshot', detail: 'Same crop, background and light as your colleagues.' },
  { status: 'in_review', label: 'In review', detail: 'Your HR team checks it before it is used.' },
  { status: 'approved', label: 'Approved', detail: 'Ready to download.' },
] as const;

const POLL_MS = 5000;

@Component({
  selector: 'tf-upload-page',
  imports: [MatButton, MatCheckbox, MatIcon, MatProgressBar, MatProgressSpinner, ErrorBannerComponent, CaptureGuideComponent],
  templateUrl: './upload.page.html',
  styleUrl: './upload.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadPage {
  private readonly api = inject(UploadApi);

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
    return p.kind === 'accepted' ? p : null;
  });
  /** The campaign's due day, written for people (it is a calendar day, so read it in UTC). */
  protected readonly dueOn = computed(() => {
    const day = this.invite()?.dueOn;
    return day ? new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }) : null;
  });
  protected readonly expiresOn = computed(() => {
    const at = this.invite()?.expiresAt;
    return at ? new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' }) : '';
  });

  private readonly pollTick = signal(0);
  private uploadSub: Subscription | null = null;

  constructor() {
    effect(() => {
      // Re-read the link whenever the token changes (also the first load).
      void this.load(this.token());
    });
    // While the headshot is being made, look again every few seconds; stop once a person has to act.
    effect((onCleanup) => {
      this.pollTick();
      const status = this.invite()?.status;
      if (status !== 'uploaded' && status !== 'processing') return;
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
      this.landing.set({ kind: 'loaded', invite: await firstValueFrom(this.api.landing(token)) });
    } catch (err) {
      this.landing.set(toLandingError(err));
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
      const next = toLandingError(err);
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
          this.phase.set({ kind: 'accepted', waitsForBatch: event.body?.status === 'uploaded' });
          void this.refresh();
        }
      },
      error: (err: unknown) => this.phase.set(toUploadFailure(err)),
    });
  }

  private revokePreview(): void {
    const current = this.chosen();
    if (current) URL.revokeObjectURL(current.url);
  }
}

function toLandingError(err: unknown): LandingState {
  const shown = toDisplayError(err);
  if (shown.status === 404 || shown.status === 410) {
    return {
      kind: 'dead',
      expired: shown.status === 410,
      message:
        shown.code === 'UNKNOWN_ERROR'
          ? shown.status === 410
            ? 'This link has expired. Ask your HR team to send you a new one.'
            : 'This link does not work. Check that you opened the whole link from your email, or ask your HR team for a new one.'
          : shown.message,
    };
  }
  return { kind: 'error', error: shown };
}

const UPLOAD_FALLBACKS: Record<number, string> = {
  413: 'This photo is too large. Take a new selfie, or choose a smaller photo.',
  415: 'This file is not a photo we can use. Choose a JPEG, PNG, WebP or HEIC photo.',
  429: 'Too many tries in a short time. Wait a minute, then try again.',
};

function toUploadFailure(err: unknown): UploadPhase {
  const body = err instanceof HttpErrorResponse ? (err.error as { error?: { code?: string; message?: string; checks?: unknown } } | null) : null;
  if (err instanceof HttpErrorResponse && err.status === 422 && Array.isArray(body?.error?.checks)) {
    const checks = (body.error.checks as PhotoCheck[]).filter((c) => typeof c?.sentence === 'string');
    return { kind: 'rejected', message: body.error.message ?? 'This photo cannot be used.', checks };
  }
  const shown = toDisplayError(err);
  const fallback = UPLOAD_FALLBACKS[shown.status];
  return { kind: 'failed', error: shown.code === 'UNKNOWN_ERROR' && fallback ? { ...shown, message: fallback } : shown };
}
