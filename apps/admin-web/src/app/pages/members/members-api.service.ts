import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateMemberRequest, MemberDto, UpdateMemberRequest } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** The people who can sign in to the org (apps/api members.controller.ts, owners only). */
@Injectable({ providedIn: 'root' })
export class MembersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<MemberDto[]> {
    return this.http.get<MemberDto[]>('/api/members');
  }

  create(request: CreateMemberRequest): Observable<MemberDto> {
    return this.http.post<MemberDto>('/api/members', request);
  }

  update(id: string, patch: UpdateMemberRequest): Observable<MemberDto> {
    return this.http.patch<MemberDto>(`/api/members/${encodeURIComponent(id)}`, patch);
  }
}
