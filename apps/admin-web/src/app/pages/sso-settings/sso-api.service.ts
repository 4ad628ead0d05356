import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SsoConfigResponse, SsoConfigUpdate } from '@teamframe/shared-types';
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
}
