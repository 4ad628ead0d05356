import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ApplyStyleCountDto, BatchProgressDto, BrandBackgroundDto, BrandKitDto } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

export type ApplyState = 'approved' | 'in_review';

/** The org's brand kit (apps/api brand.controller.ts) and "apply to existing" (batches.controller.ts). */
@Injectable({ providedIn: 'root' })
export class BrandApi {
  private readonly http = inject(HttpClient);

  kit(): Observable<BrandKitDto> {
    return this.http.get<BrandKitDto>('/api/org/brand');
  }

  /** JPEG, PNG or WebP up to 10 MB; anything else comes back as a 415 with a sentence. */
  uploadLogo(file: File): Observable<BrandKitDto> {
    return this.http.put<BrandKitDto>('/api/org/brand/logo', imageForm(file));
  }

  removeLogo(): Observable<BrandKitDto> {
    return this.http.delete<BrandKitDto>('/api/org/brand/logo');
  }

  setColours(colours: string[]): Observable<BrandKitDto> {
    return this.http.put<BrandKitDto>('/api/org/brand/colours', { colours });
  }

  /** Stores a background image; its `ref` goes into the style's `background.ref`. */
  addBackground(file: File): Observable<BrandBackgroundDto> {
    return this.http.post<BrandBackgroundDto>('/api/org/brand/backgrounds', imageForm(file));
  }

  /** With `dryRun` only counts; otherwise starts a batch pinned to the current style version. 409 when nobody needs it. */
  applyStyle(states: ApplyState[], dryRun: true): Observable<ApplyStyleCountDto>;
  applyStyle(states: ApplyState[], dryRun: false): Observable<BatchProgressDto>;
  applyStyle(states: ApplyState[], dryRun: boolean): Observable<ApplyStyleCountDto | BatchProgressDto> {
    return this.http.post<ApplyStyleCountDto | BatchProgressDto>('/api/batches/apply-style', { states, dryRun });
  }
}

function imageForm(file: File): FormData {
  const body = new FormData();
  body.append('image', file, file.name || 'image');
  return body;
}
