import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreatedSecretDto, ScimSettingsDto, UpdateScimSettingsRequest } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** SCIM provisioning settings (apps/api scim-settings.controller.ts, owners only). */
@Injectable({ providedIn: 'root' })
export class ProvisioningApi {
  private readonly http = inject(HttpClient);

  get(): Observable<ScimSettingsDto> {
    return this.http.get<ScimSettingsDto>('/api/scim-settings');
  }

  createToken(): Observable<CreatedSecretDto<ScimSettingsDto>> {
    return this.http.post<CreatedSecretDto<ScimSettingsDto>>('/api/scim-settings/token', {});
  }

  revokeToken(): Observable<ScimSettingsDto> {
    return this.http.delete<ScimSettingsDto>('/api/scim-settings/token');
  }

  update(request: UpdateScimSettingsRequest): Observable<ScimSettingsDto> {
    return this.http.patch<ScimSettingsDto>('/api/scim-settings', request);
  }
}
