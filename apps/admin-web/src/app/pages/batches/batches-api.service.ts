import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { BatchProgressDto, StyleVersionDto } from '@teamframe/shared-types';
import { Observable } from 'rxjs';

/** Batches, their live progress and retries (apps/api batches.controller.ts); the processing mode is an org setting (OrganisationApi). */
@Injectable({ providedIn: 'root' })
export class BatchesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<BatchProgressDto[]> {
    return this.http.get<BatchProgressDto[]>('/api/batches');
  }

  /** Everyone whose latest selfie is waiting, with the current style (pinned). 409 when nobody waits. */
  start(): Observable<BatchProgressDto> {
    return this.http.post<BatchProgressDto>('/api/batches', {});
  }

  retry(headshotId: string): Observable<void> {
    return this.http.post<void>(`/api/headshots/${encodeURIComponent(headshotId)}/retry`, null);
  }

  /** Only to label each batch with the style version number it is pinned to. */
  styleVersions(): Observable<StyleVersionDto[]> {
    return this.http.get<StyleVersionDto[]>('/api/styles/versions');
  }

  /**
   * The batch's progress pushed by the server (SSE, event `progress`) until it is done. Same origin,
   * so the session cookie goes along. Unsubscribing closes the connection.
   */
  events(batchId: string): Observable<BatchProgressDto> {
    return new Observable<BatchProgressDto>((subscriber) => {
      const source = new EventSource(`/api/batches/${encodeURIComponent(batchId)}/events`);
      source.addEventListener('progress', (event) => {
        let progress: BatchProgressDto;
        try {
          progress = JSON.parse((event as MessageEvent<string>).data) as BatchProgressDto;
        } catch {
          return;
        }
        subscriber.next(progress);
        if (progress.done) {
          source.close();
          subscriber.complete();
        }
      });
      source.onerror = () => {
        // EventSource reconnects by itself after a drop; only a closed stream is final.
        if (source.readyState === EventSource.CLOSED) subscriber.error(new Error('The live progress connection closed.'));
      };
      return () => source.close();
    });
  }
}
