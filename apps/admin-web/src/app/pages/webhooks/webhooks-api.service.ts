import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreatedSecretDto, CreateWebhookRequest, UpdateWebhookRequest, WebhookDeliveryDto, WebhookEndpointDto } from '@teamframe/shared-types';
import type { Observable } from 'rxjs';

/** Webhook endpoints (apps/api webhooks.controller.ts, owners only). */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly http = inject(HttpClient);

  list(): Observable<WebhookEndpointDto[]> {
    return this.http.get<WebhookEndpointDto[]>('/api/webhooks');
  }

  create(request: CreateWebhookRequest): Observable<CreatedSecretDto<WebhookEndpointDto>> {
    return this.http.post<CreatedSecretDto<WebhookEndpointDto>>('/api/webhooks', request);
  }

  update(id: string, patch: UpdateWebhookRequest): Observable<WebhookEndpointDto> {
    return this.http.patch<WebhookEndpointDto>(`/api/webhooks/${encodeURIComponent(id)}`, patch);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/webhooks/${encodeURIComponent(id)}`);
  }

  rotateSecret(id: string): Observable<CreatedSecretDto<WebhookEndpointDto>> {
    return this.http.post<CreatedSecretDto<WebhookEndpointDto>>(`/api/webhooks/${encodeURIComponent(id)}/rotate-secret`, {});
  }

  sendTest(id: string): Observable<{ eventId: string }> {
    return this.http.post<{ eventId: string }>(`/api/webhooks/${encodeURIComponent(id)}/test`, {});
  }

  deliveries(id: string): Observable<WebhookDeliveryDto[]> {
    return this.http.get<WebhookDeliveryDto[]>(`/api/webhooks/${encodeURIComponent(id)}/deliveries`);
  }
}
