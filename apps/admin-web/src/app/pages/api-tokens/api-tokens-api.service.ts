import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ApiTokenDto, CreateApiTokenRequest, CreatedSecretDto } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** API tokens for scripts (apps/api api-tokens.controller.ts, owners only). */
@Injectable({ providedIn: 'root' })
export class ApiTokensApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ApiTokenDto[]> {
    return this.http.get<ApiTokenDto[]>('/api/api-tokens');
  }

  create(request: CreateApiTokenRequest): Observable<CreatedSecretDto<ApiTokenDto>> {
    return this.http.post<CreatedSecretDto<ApiTokenDto>>('/api/api-tokens', request);
  }

  revoke(id: string): Observable<ApiTokenDto> {
    return this.http.delete<ApiTokenDto>(`/api/api-tokens/${encodeURIComponent(id)}`);
  }
}
