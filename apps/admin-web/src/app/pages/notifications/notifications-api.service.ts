import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { NotificationSettings, NotificationSettingsDto } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** The signed-in user's own HR mail switches (apps/api notifications.controller.ts). */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  get(): Observable<NotificationSettingsDto> {
    return this.http.get<NotificationSettingsDto>('/api/me/notifications');
  }

  update(settings: NotificationSettings): Observable<NotificationSettingsDto> {
    return this.http.put<NotificationSettingsDto>('/api/me/notifications', settings);
  }
}
