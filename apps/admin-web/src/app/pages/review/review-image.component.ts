import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  Injectable,
  input,
  signal,
} from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { SignedImageUrlDto } from '@teamframe/shared-types';
import { firstValueFrom } from 'rxjs';
import { toDisplayError } from '../../core/api-error';
import { ReviewApi } from './review-api.service';

/**
 * Signed image URLs by headshot and rendition, shared by every card, so paging back or reloading the
 * list does not ask again while a URL still has a minute left.
 */
@Injectable({ providedIn: 'root' })
export class SignedUrlCache {
  private readonly api = inject(ReviewApi);
  private readonly urls = new Map<string, Promise<SignedImageUrlDto>>();

  get(headshotId: string, rendition: string, fresh = false): Promise<SignedImageUrlDto> {
    const key = `${headshotId}/${rendition}`;
    const cached = this.urls.get(key);
    if (cached && !fresh) {
      return cached.then((u) => (Date.parse(u.expiresAt) - Date.now() > 60_000 ? u : this.get(headshotId, rendition, true)));
    }
    const request = firstValueFrom(this.api.imageUrl(headshotId, rendition));
    this.urls.set(key, request);
    request.catch(() => this.urls.delete(key));
    return request;
  }
}

type ImageState = { kind: 'waiting' } | { kind: 'ready'; url: string } | { kind: 'error'; message: string };

/**
 * One image on a review card. The signed URL is only asked for once the card is near the viewport,
 * and the <img> loads lazily, so a page of 50 cards costs what is on screen.
 */
@Component({
  selector: 'tf-review-image',
  imports: [MatIcon],
  template: `
    @switch (state().kind) {
      @case ('ready') {
        <img [src]="url()" [alt]="alt()" loading="lazy" decoding="async" (error)="onImageError()" />
      }
      @case ('error') {
        <div class="tf-image-missing">
          <mat-icon aria-hidden="true">hide_image</mat-icon>
          <span>{{ message() }}</span>
        </div>
      }
      @default {
        <div class="tf-image-waiting" aria-hidden="true"></div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      position: relative;
      aspect-ratio: 1;
      border-radius: 8px;
      overflow: hidden;
      background: var(--mat-sys-surface-container-high);
    }
    img {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    :host(.tf-contain) img {
      object-fit: contain;
    }
    .tf-image-waiting {
      width: 100%;
      height: 100%;
    }
    .tf-image-missing {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 4px;
      height: 100%;
      padding: 8px;
      box-sizing: border-box;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewImageComponent {
  readonly headshotId = input.required<string>();
  /** A rendition name, or `original` for the selfie. */
  readonly rendition = input.required<string>();
  readonly alt = input.required<string>();

  private readonly cache = inject(SignedUrlCache);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly state = signal<ImageState>({ kind: 'waiting' });
  protected readonly url = () => {
    const s = this.state();
    return s.kind === 'ready' ? s.url : '';
  };
  protected readonly message = () => {
    const s = this.state();
    return s.kind === 'error' ? s.message : '';
  };
  private retried = false;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof IntersectionObserver === 'undefined') {
        void this.load(false);
        return;
      }
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            observer.disconnect();
            void this.load(false);
          }
        },
        { rootMargin: '400px 0px' },
      );
      observer.observe(this.host.nativeElement);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  /** A URL that expired while the tab sat open fails to load: fetch a fresh one, once. */
  protected onImageError(): void {
    if (this.retried) {
      this.state.set({ kind: 'error', message: 'Image could not be loaded.' });
      return;
    }
    this.retried = true;
    void this.load(true);
  }

  private async load(fresh: boolean): Promise<void> {
    try {
      const signed = await this.cache.get(this.headshotId(), this.rendition(), fresh);
      this.state.set({ kind: 'ready', url: signed.url });
    } catch (err) {
      const e = toDisplayError(err);
      this.state.set({ kind: 'error', message: e.status === 404 ? e.message : 'Image could not be loaded.' });
    }
  }
}
