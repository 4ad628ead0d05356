import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CampaignAudience,
  CampaignAudiencePreview,
  CampaignCreate,
  CampaignCreateResult,
  CampaignDto,
  CampaignMemberDto,
  CampaignMemberState,
  CampaignRemind,
  InviteLinkDto,
  Page,
} from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

export interface CampaignMemberParams {
  page: number;
  pageSize: number;
  state?: CampaignMemberState | 'needs_attention';
  q: string;
}

/** Campaigns, their members and reminders (apps/api campaigns.controller.ts); the refresh cycle is an org setting (OrganisationApi). */
@Injectable({ providedIn: 'root' })
export class CampaignsApi {
  private readonly http = inject(HttpClient);

  /** Active first, newest first. */
  list(): Observable<CampaignDto[]> {
    return this.http.get<CampaignDto[]>('/api/campaigns');
  }

  get(id: string): Observable<CampaignDto> {
    return this.http.get<CampaignDto>(`/api/campaigns/${encodeURIComponent(id)}`);
  }

  create(input: CampaignCreate): Observable<CampaignCreateResult> {
    return this.http.post<CampaignCreateResult>('/api/campaigns', input);
  }

  /** How many people an audience reaches right now, and which listed addresses match nobody. */
  previewAudience(audience: CampaignAudience): Observable<CampaignAudiencePreview> {
    return this.http.post<CampaignAudiencePreview>('/api/campaigns/audience', { audience });
  }

  members(id: string, p: CampaignMemberParams): Observable<Page<CampaignMemberDto>> {
    let params = new HttpParams().set('page', p.page).set('pageSize', p.pageSize);
    // Empty filters are left out: the API's schema treats "" as a value, not as "no filter".
    if (p.state) params = params.set('state', p.state);
    if (p.q.trim()) params = params.set('q', p.q.trim());
    return this.http.get<Page<CampaignMemberDto>>(`/api/campaigns/${encodeURIComponent(id)}/members`, { params });
  }

  remind(id: string, request: CampaignRemind): Observable<{ reminded: number }> {
    return this.http.post<{ reminded: number }>(`/api/campaigns/${encodeURIComponent(id)}/remind`, request);
  }

  /** A fresh personal link to pass on by chat; the previous link stops working, no mail goes out. */
  inviteLink(employeeId: string): Observable<InviteLinkDto> {
    return this.http.post<InviteLinkDto>(`/api/invites/${encodeURIComponent(employeeId)}/link`, null);
  }

  /** Freezes the counts; they become the campaign's summary. */
  end(id: string): Observable<CampaignDto> {
    return this.http.post<CampaignDto>(`/api/campaigns/${encodeURIComponent(id)}/end`, null);
  }

  /** A plain link: the browser downloads it with the session cookie. */
  statusCsvHref(id: string): string {
    return `/api/campaigns/${encodeURIComponent(id)}/status.csv`;
  }

  /** The departments in use (the employees page's list), for the audience picker. */
  departments(): Observable<string[]> {
    return this.http.get<string[]>('/api/employees/departments');
  }
}
