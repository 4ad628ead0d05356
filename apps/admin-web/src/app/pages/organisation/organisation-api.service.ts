import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ExportSettings, InviteSettings, OrgSettings, OrgSettingsDto, RefreshSettings, RetentionSettings } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** The org's settings areas (apps/api modules/orgs/settings), one pair of calls each. */
@Injectable({ providedIn: 'root' })
export class OrganisationApi {
  private readonly http = inject(HttpClient);

  /** Processing mode and the employee side's default language, with the languages there are messages for. */
  general(): Observable<OrgSettingsDto> {
    return this.http.get<OrgSettingsDto>('/api/org/settings');
  }

  saveGeneral(settings: OrgSettings): Observable<OrgSettingsDto> {
    return this.http.put<OrgSettingsDto>('/api/org/settings', settings);
  }

  invitations(): Observable<InviteSettings> {
    return this.http.get<InviteSettings>('/api/invites/settings');
  }

  saveInvitations(settings: InviteSettings): Observable<InviteSettings> {
    return this.http.put<InviteSettings>('/api/invites/settings', settings);
  }

  refreshCycle(): Observable<RefreshSettings> {
    return this.http.get<RefreshSettings>('/api/campaigns/settings');
  }

  saveRefreshCycle(settings: RefreshSettings): Observable<RefreshSettings> {
    return this.http.put<RefreshSettings>('/api/campaigns/settings', settings);
  }

  retention(): Observable<RetentionSettings> {
    return this.http.get<RetentionSettings>('/api/org/retention');
  }

  /** Owners only. */
  saveRetention(settings: RetentionSettings): Observable<RetentionSettings> {
    return this.http.put<RetentionSettings>('/api/org/retention', settings);
  }

  /** Whether marketing may include work email addresses in its exports. */
  exports(): Observable<ExportSettings> {
    return this.http.get<ExportSettings>('/api/exports/settings');
  }

  saveExports(settings: ExportSettings): Observable<ExportSettings> {
    return this.http.put<ExportSettings>('/api/exports/settings', settings);
  }
}
