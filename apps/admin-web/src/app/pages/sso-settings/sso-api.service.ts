import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SsoConfigResponse, SsoConfigUpdate, SsoDomainClaimDto, SsoDomainMailRequest } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** The org's SAML settings (apps/api sso.controller.ts), owner only. */
@Injectable({ providedIn: 'root' })
export class SsoApi {
  private readonly http = inject(HttpClient);

  get(): Observable<SsoConfigResponse> {
    return this.http.get<SsoConfigResponse>('/api/sso/config');
  }

  update(patch: SsoConfigUpdate): Observable<SsoConfigResponse> {
    return this.http.put<SsoConfigResponse>('/api/sso/config', patch);
  }

  /** Looks the domain's TXT record up now (apps/api domains.controller.ts). */
  checkDomain(domain: string): Observable<SsoDomainClaimDto> {
    return this.http.post<SsoDomainClaimDto>(`/api/sso/domains/${encodeURIComponent(domain)}/check`, {});
  }

  mailDomain(domain: string, body: SsoDomainMailRequest): Observable<SsoDomainClaimDto> {
    return this.http.post<SsoDomainClaimDto>(`/api/sso/domains/${encodeURIComponent(domain)}/mail`, body);
  }
}
