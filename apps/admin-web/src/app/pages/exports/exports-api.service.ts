import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateExportRequest, ExportDto, Page, ReviewItemDto, ExportOptionsDto } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** Exports (apps/api exports.controller.ts) and what the create form offers to choose from. */
@Injectable({ providedIn: 'root' })
export class ExportsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ExportDto[]> {
    return this.http.get<ExportDto[]>('/api/exports');
  }

  get(id: string): Observable<ExportDto> {
    return this.http.get<ExportDto>(`/api/exports/${encodeURIComponent(id)}`);
  }

  create(request: CreateExportRequest): Observable<ExportDto> {
    return this.http.post<ExportDto>('/api/exports', request);
  }

  /** The link the browser follows to save the ZIP (the session cookie goes along). */
  downloadHref(e: ExportDto): string {
    return e.downloadUrl ?? `/api/exports/${encodeURIComponent(e.id)}/download`;
  }

  /** Renditions of the current style, its naming pattern and the departments; every export role may read it. */
  options(): Observable<ExportOptionsDto> {
    return this.http.get<ExportOptionsDto>('/api/exports/options');
  }

  approved(q: string): Observable<Page<ReviewItemDto>> {
    const params: Record<string, string | number> = { state: 'approved', page: 1, pageSize: 200 };
    if (q.trim()) params['q'] = q.trim();
    return this.http.get<Page<ReviewItemDto>>('/api/review', { params });
  }
}
