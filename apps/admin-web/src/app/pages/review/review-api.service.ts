import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AdjustmentPreviewDto,
  BulkApproveResult,
  HeadshotAdjustments,
  HeadshotResultDto,
  Page,
  ReviewDecisionDto,
  ReviewItemDto,
  ReviewState,
  SignedImageUrlDto,
} from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

export interface ReviewListParams {
  state: ReviewState;
  department: string;
  q: string;
  page: number;
  pageSize: number;
}

/** The review grid, decisions and image links (apps/api review + images controllers). */
@Injectable({ providedIn: 'root' })
export class ReviewApi {
  private readonly http = inject(HttpClient);

  list(p: ReviewListParams): Observable<Page<ReviewItemDto>> {
    let params = new HttpParams().set('state', p.state).set('page', p.page).set('pageSize', p.pageSize);
    // Empty filters are left out: the API's schema treats "" as a value, not as "no filter".
    if (p.q.trim()) params = params.set('q', p.q.trim());
    if (p.department) params = params.set('department', p.department);
    return this.http.get<Page<ReviewItemDto>>('/api/review', { params });
  }

  departments(): Observable<string[]> {
    return this.http.get<string[]>('/api/employees/departments');
  }

  approve(headshotId: string): Observable<ReviewDecisionDto> {
    return this.http.post<ReviewDecisionDto>(`/api/headshots/${encodeURIComponent(headshotId)}/approve`, null);
  }

  reject(headshotId: string, reason: string): Observable<ReviewDecisionDto> {
    return this.http.post<ReviewDecisionDto>(`/api/headshots/${encodeURIComponent(headshotId)}/reject`, { reason });
  }

  regenerate(headshotId: string, adjustments: HeadshotAdjustments): Observable<ReviewDecisionDto> {
    return this.http.post<ReviewDecisionDto>(`/api/headshots/${encodeURIComponent(headshotId)}/regenerate`, adjustments);
  }

  /** Every result made from this headshot's selfie, oldest first (Result 1, 2, …). */
  results(headshotId: string): Observable<HeadshotResultDto[]> {
    return this.http.get<HeadshotResultDto[]>(`/api/headshots/${encodeURIComponent(headshotId)}/results`);
  }

  /** What a regeneration with these adjustments would look like, rendered small and not kept. */
  preview(headshotId: string, adjustments: HeadshotAdjustments): Observable<AdjustmentPreviewDto> {
    return this.http.post<AdjustmentPreviewDto>(`/api/headshots/${encodeURIComponent(headshotId)}/preview`, adjustments);
  }

  bulkApprove(headshotIds: string[]): Observable<BulkApproveResult> {
    return this.http.post<BulkApproveResult>('/api/review/approve', { headshotIds });
  }

  /** A five-minute URL for one rendition, or `original` for the selfie (HR and owners only). */
  imageUrl(headshotId: string, rendition: string): Observable<SignedImageUrlDto> {
    return this.http.get<SignedImageUrlDto>(`/api/headshots/${encodeURIComponent(headshotId)}/image-url`, {
      params: { rendition },
    });
  }
}
