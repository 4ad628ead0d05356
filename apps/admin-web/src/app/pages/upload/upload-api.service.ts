import {
  HttpClient,
  type HttpEvent,
  HttpHeaders,
  HttpXhrBackend,
  HttpXsrfTokenExtractor,
} from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { InvitePageDto, PhotoAcceptedDto } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** What `GET /api/invite/:token` tells the employee's page. */
export type InvitePage = InvitePageDto;
export type PhotoAccepted = PhotoAcceptedDto;
/** One failed photo check, in words the employee can act on. */
export type PhotoCheck = PhotoAcceptedDto['checks'][number];

const path = (token: string) => `/api/invite/${encodeURIComponent(token)}`;

@Injectable({ providedIn: 'root' })
export class UploadApi {
  private readonly http = inject(HttpClient);
  // The app's HttpClient runs on fetch(), which cannot report upload progress; a phone on a slow
  // network needs that bar, so the photo goes through XMLHttpRequest. That client has no
  // interceptors, so the CSRF header is added here by hand.
  private readonly xhr = new HttpClient(inject(HttpXhrBackend));
  private readonly xsrf = inject(HttpXsrfTokenExtractor);

  /** Never changes state on the server (mail scanners open these links too). */
  landing(token: string): Observable<InvitePage> {
    return this.http.get<InvitePage>(path(token));
  }

  acceptConsent(token: string): Observable<{ consentAcceptedAt: string }> {
    return this.http.post<{ consentAcceptedAt: string }>(`${path(token)}/consent`, null);
  }

  uploadPhoto(token: string, photo: File): Observable<HttpEvent<PhotoAccepted>> {
    const body = new FormData();
    body.append('photo', photo, photo.name || 'photo');
    const csrf = this.xsrf.getToken();
    return this.xhr.post<PhotoAccepted>(`${path(token)}/photo`, body, {
      reportProgress: true,
      observe: 'events',
      headers: csrf ? new HttpHeaders({ 'X-XSRF-TOKEN': csrf }) : undefined,
    });
  }
}
