import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Style, StyleChange, StylePresetDto, StylePreviewDto, StyleVersionDto } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** The company style: versions, presets, previews (apps/api styles.controller.ts), owner and HR admin. */
@Injectable({ providedIn: 'root' })
export class StyleApi {
  private readonly http = inject(HttpClient);

  /** Newest first; the one with `current` is what new batches use. */
  versions(): Observable<StyleVersionDto[]> {
    return this.http.get<StyleVersionDto[]>('/api/styles/versions');
  }

  presets(): Observable<StylePresetDto[]> {
    return this.http.get<StylePresetDto[]>('/api/styles/presets');
  }

  /** Renders the draft on a few of the org's own selfies, at reduced size. */
  preview(document: Style): Observable<StylePreviewDto> {
    return this.http.post<StylePreviewDto>('/api/styles/preview', { document });
  }

  save(document: Style): Observable<StyleVersionDto> {
    return this.http.post<StyleVersionDto>('/api/styles', { document });
  }

  diff(a: number, b: number): Observable<StyleChange[]> {
    return this.http.get<StyleChange[]>(`/api/styles/versions/${a}/diff/${b}`);
  }

  restore(version: number): Observable<StyleVersionDto> {
    return this.http.post<StyleVersionDto>(`/api/styles/versions/${version}/restore`, null);
  }
}
