import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditEventDto, Page } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

export interface AuditListParams {
  page: number;
  pageSize: number;
  /** An action prefix (`auth.`); empty for every event. */
  action: string;
  /** ISO datetimes with offset; left out when empty. */
  from?: string;
  to?: string;
}

/** The org's audit log, newest first (apps/api audit.controller.ts, owners and HR admins). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(p: AuditListParams): Observable<Page<AuditEventDto>> {
    let params = new HttpParams().set('page', p.page).set('pageSize', p.pageSize);
    if (p.action) params = params.set('action', p.action);
    if (p.from) params = params.set('from', p.from);
    if (p.to) params = params.set('to', p.to);
    return this.http.get<Page<AuditEventDto>>('/api/audit', { params });
  }
}
