import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CustomFieldDto,
  EmployeeDto,
  EmployeeInput,
  EmployeeStatus,
  EmployeeUpdate,
  ErasurePreview,
  ErasureResult,
  ImportResult,
  InviteLinkDto,
  InviteRequest,
  InviteResult,
  NeedsAttentionDto,
  Page,
  RefusedUploadDto,
} from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

export type EmployeeSortField = 'lastName' | 'firstName' | 'email' | 'department' | 'title' | 'status' | 'createdAt';

export interface EmployeeListParams {
  page: number;
  pageSize: number;
  sort: EmployeeSortField;
  order: 'asc' | 'desc';
  q: string;
  department: string;
  status: EmployeeStatus | '';
  includeDeactivated: boolean;
}

/** The employee directory, invites and CSV import (apps/api employees + invites controllers). */
@Injectable({ providedIn: 'root' })
export class EmployeesApi {
  private readonly http = inject(HttpClient);

  list(p: EmployeeListParams): Observable<Page<EmployeeDto>> {
    let params = new HttpParams()
      .set('page', p.page)
      .set('pageSize', p.pageSize)
      .set('sort', p.sort)
      .set('order', p.order);
    // Empty filters are left out: the API's schema treats "" as a value, not as "no filter".
    if (p.q.trim()) params = params.set('q', p.q.trim());
    if (p.department) params = params.set('department', p.department);
    if (p.status) params = params.set('status', p.status);
    if (p.includeDeactivated) params = params.set('includeDeactivated', 'true');
    return this.http.get<Page<EmployeeDto>>('/api/employees', { params });
  }

  /** The org's custom fields, in the order the dialog shows them. */
  customFields(): Observable<CustomFieldDto[]> {
    return this.http.get<CustomFieldDto[]>('/api/custom-fields');
  }

  departments(): Observable<string[]> {
    return this.http.get<string[]>('/api/employees/departments');
  }

  create(input: EmployeeInput): Observable<EmployeeDto> {
    return this.http.post<EmployeeDto>('/api/employees', input);
  }

  update(id: string, patch: EmployeeUpdate): Observable<EmployeeDto> {
    return this.http.patch<EmployeeDto>(`/api/employees/${encodeURIComponent(id)}`, patch);
  }

  setActive(id: string, active: boolean): Observable<EmployeeDto> {
    const action = active ? 'reactivate' : 'deactivate';
    return this.http.post<EmployeeDto>(`/api/employees/${encodeURIComponent(id)}/${action}`, null);
  }

  invite(request: InviteRequest): Observable<InviteResult> {
    return this.http.post<InviteResult>('/api/invites', request);
  }

  /** Invited people with no selfie after every reminder. */
  needsAttention(): Observable<NeedsAttentionDto[]> {
    return this.http.get<NeedsAttentionDto[]>('/api/invites/needs-attention');
  }

  /** A fresh personal link to pass on by chat; the previous link stops working, no mail goes out. */
  inviteLink(employeeId: string): Observable<InviteLinkDto> {
    return this.http.post<InviteLinkDto>(`/api/invites/${encodeURIComponent(employeeId)}/link`, null);
  }

  /** A plain link: the browser downloads it with the session cookie. */
  readonly statusCsvHref = '/api/employees/status.csv';

  /** The file goes up as the raw body; the API reads it as text (BOM and separator detected there). */
  import(file: Blob, dryRun: boolean): Observable<ImportResult> {
    return this.http.post<ImportResult>('/api/employees/import', file, {
      params: { dryRun: String(dryRun) },
      headers: { 'Content-Type': 'text/csv' },
    });
  }

  /** Selfies the instant checks refused, newest first (reasons only). */
  refusedUploads(id: string): Observable<RefusedUploadDto[]> {
    return this.http.get<RefusedUploadDto[]>(`/api/employees/${encodeURIComponent(id)}/refused-uploads`);
  }

  /** What erasing the employee would delete, for the confirmation. */
  erasurePreview(id: string): Observable<ErasurePreview> {
    return this.http.get<ErasurePreview>(`/api/employees/${encodeURIComponent(id)}/erase`);
  }

  erase(id: string): Observable<ErasureResult> {
    return this.http.post<ErasureResult>(`/api/employees/${encodeURIComponent(id)}/erase`, null);
  }
}
