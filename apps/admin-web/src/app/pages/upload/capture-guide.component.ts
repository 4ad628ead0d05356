import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, output, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { type CaptureAdvice, captureAdvice, GUIDE, ovalLuminance } from './capture-advice';
import { PageI18n } from './page-i18n.service';

/** How often the frame is looked at; a small copy of it, so it costs little on a phone. */
const ANALYSE_MS = 400;
const SAMPLE_W = 64;
const SAMPLE_H = 48;

/** Chrome's Shape Detection API, where the browser has it; most do not, and then only the light is judged. */
interface FaceDetectorLike {
  detect(source: CanvasImageSource): Promise<{ boundingBox: DOMRectReadOnly }[]>;
}
type FaceDetectorCtor = new (opts?: { fastMode?: boolean; maxDetectedFaces?: number }) => FaceDetectorLike;

/** `message`: the key of the sentence that says why (shown in the page's language). */
type CameraState = { kind: 'starting' } | { kind: 'live' } | { kind: 'unavailable'; message: string };

/**
 * The in-page camera for a selfie: the live picture (mirrored, as people expect) under a head-and-
 * shoulders guide, and advice before the shot — too dark or backlit from the light in and around the
 * oval; too close, too far or off-centre where the browser can see the face. The shutter hands the
 * page an unmirrored JPEG, which gets the server's checks like any chosen file.
 */
@Component({
  selector: 'tf-capture-guide',
  imports: [MatButton, MatIcon],
  template: `
    <div class="tf-camera" [class.tf-camera-live]="state().kind === 'live'">
      <video #video class="tf-video" autoplay muted playsinline aria-hidden="true"></video>
      <svg class="tf-guide" viewBox="0 0 100 100" preserveAspectRatio="none" role="img" [attr.aria-label]="i18n.t('capture.guide')">
        <ellipse [attr.cx]="guide.cx * 100" [attr.cy]="guide.cy * 100" [attr.rx]="guide.rx * 100" [attr.ry]="guide.ry * 100" [class.tf-guide-ok]="ready()" />
        <path d="M 8 98 Q 12 76 32 72 L 68 72 Q 88 76 92 98" [class.tf-guide-ok]="ready()" />
      </svg>
      @if (state().kind === 'starting') {
        <p class="tf-camera-message">{{ i18n.t('capture.starting') }}</p>
      }
    </div>
    @switch (state().kind) {
      @case ('unavailable') {
        <p class="tf-advice tf-advice-warn" role="alert">{{ unavailableMessage() }}</p>
      }
      @case ('live') {
        <p class="tf-advice" [class.tf-advice-warn]="!ready()" role="status" aria-live="polite">
          <mat-icon aria-hidden="true">{{ ready() ? 'check_circle' : 'info' }}</mat-icon>
          {{ i18n.t(ready() ? readyKey : 'capture.' + advice()[0].code) }}
        </p>
      }
    }
    <div class="tf-camera-actions">
      <button matButton="filled" type="button" class="tf-shutter" [disabled]="state().kind !== 'live'" (click)="shoot()">
        <mat-icon aria-hidden="true">photo_camera</mat-icon>
        {{ i18n.t('capture.shutter') }}
      </button>
      <button matButton type="button" (click)="cancelled.emit()">{{ i18n.t('capture.cancel') }}</button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .tf-camera {
      position: relative;
      aspect-ratio: 3 / 4;
      max-height: 70vh;
      margin: 0 auto;
      border-radius: 16px;
      overflow: hidden;
      background: #111;
    }
    .tf-video {
      width: 100%;
      height: 100%;
      object-fit: cover;
      transform: scaleX(-1);
    }
    .tf-guide {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      pointer-events: none;

      ellipse,
      path {
        fill: none;
        stroke: rgb(255 255 255 / 85%);
        stroke-width: 2.5;
        stroke-dasharray: 3 2;
        vector-effect: non-scaling-stroke;
      }
      .tf-guide-ok {
        stroke: #6dd58c;
        stroke-dasharray: none;
      }
    }
    .tf-camera-message {
      position: absolute;
      inset: auto 0 16px;
      margin: 0;
      text-align: center;
      color: #fff;
    }
    .tf-advice {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 12px 0 0;
      font: var(--mat-sys-body-large);
    }
    .tf-advice-warn mat-icon {
      color: var(--mat-sys-tertiary);
    }
    .tf-camera-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 12px;
    }
    .tf-shutter {
      flex: 1 1 auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaptureGuideComponent {
  readonly captured = output<File>();
  readonly cancelled = output<void>();
  /** The camera cannot be used here (no permission, no camera, an old browser): the page offers the file picker. Emits the sentence. */
  readonly unavailable = output<string>();

  protected readonly i18n = inject(PageI18n);
  protected readonly guide = GUIDE;
  protected readonly state = signal<CameraState>({ kind: 'starting' });
  protected readonly advice = signal<CaptureAdvice[]>([]);
  protected readonly ready = computed(() => this.state().kind === 'live' && this.advice().length === 0);
  protected readonly unavailableMessage = computed(() => {
    const s = this.state();
    return s.kind === 'unavailable' ? this.i18n.t(s.message) : '';
  });

  private readonly video = viewChild.required<ElementRef<HTMLVideoElement>>('video');
  private stream: MediaStream | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly detector: FaceDetectorLike | null = makeDetector();
  /** Without a face detector only the light was judged: say so rather than promise the framing is right. */
  protected readonly readyKey = this.detector ? 'capture.ready' : 'capture.readyLight';
  private readonly sample = document.createElement('canvas');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
    void this.start();
  }

  protected async shoot(): Promise<void> {
    const v = this.video().nativeElement;
    if (!v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    if (!blob) return;
    this.stop();
    this.captured.emit(new File([blob], 'selfie.jpg', { type: 'image/jpeg' }));
  }

  private async start(): Promise<void> {
    if (typeof navigator.mediaDevices?.getUserMedia !== 'function') {
      this.fail('capture.noBrowserCamera');
      return;
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 1920 }, height: { ideal: 1440 } }, audio: false });
    } catch (err) {
      const denied = err instanceof DOMException && (err.name === 'NotAllowedError' || err.name === 'SecurityError');
      this.fail(denied ? 'capture.denied' : 'capture.noCamera');
      return;
    }
    const v = this.video().nativeElement;
    v.srcObject = this.stream;
    await v.play().catch(() => undefined);
    this.state.set({ kind: 'live' });
    this.sample.width = SAMPLE_W;
    this.sample.height = SAMPLE_H;
    this.timer = setInterval(() => void this.analyse(), ANALYSE_MS);
  }

  private async analyse(): Promise<void> {
    const v = this.video().nativeElement;
    if (!v.videoWidth) return;
    const ctx = this.sample.getContext('2d', { willReadFrequently: true })!;
    // The same crop the user sees (object-fit: cover of a 3:4 box), so the oval means the same thing.
    const crop = coverCrop(v.videoWidth, v.videoHeight, 3 / 4);
    ctx.drawImage(v, crop.x, crop.y, crop.w, crop.h, 0, 0, SAMPLE_W, SAMPLE_H);
    const light = ovalLuminance(ctx.getImageData(0, 0, SAMPLE_W, SAMPLE_H).data, SAMPLE_W, SAMPLE_H);
    let face: { cx: number; cy: number; width: number } | null = null;
    if (this.detector) {
      const [found] = await this.detector.detect(this.sample).catch(() => []);
      // Mirrored for the person: what is on their left in the picture is on their left on screen.
      if (found) face = { cx: 1 - (found.boundingBox.x + found.boundingBox.width / 2) / SAMPLE_W, cy: (found.boundingBox.y + found.boundingBox.height / 2) / SAMPLE_H, width: found.boundingBox.width / SAMPLE_W };
    }
    this.advice.set(captureAdvice({ ...light, face }, !!this.detector));
  }

  private fail(message: string): void {
    this.state.set({ kind: 'unavailable', message });
    this.unavailable.emit(this.i18n.t(message));
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = null;
  }
}

function makeDetector(): FaceDetectorLike | null {
  const Ctor = (globalThis as { FaceDetector?: FaceDetectorCtor }).FaceDetector;
  try {
    return Ctor ? new Ctor({ fastMode: true, maxDetectedFaces: 1 }) : null;
  } catch {
    return null;
  }
}

/** The part of a w×h frame that `object-fit: cover` shows in a box of the given aspect ratio. */
function coverCrop(w: number, h: number, aspect: number): { x: number; y: number; w: number; h: number } {
  if (w / h > aspect) {
    const cw = h * aspect;
    return { x: (w - cw) / 2, y: 0, w: cw, h };
  }
  const ch = w / aspect;
  return { x: 0, y: (h - ch) / 2, w, h: ch };
}
