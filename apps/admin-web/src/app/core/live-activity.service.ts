import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ActivityDto } from '@teamframe/shared-types';
import { distinctUntilChanged, Observable, share } from 'rxjs';

/** Once the server closes the stream for good (signed out, restarted), try again after this long. */
const RECONNECT_MS = 10_000;

/**
 * The org's to-do numbers, pushed by the server (SSE `GET /api/activity/events`) whenever they change.
 * One connection for the whole app however many pages listen, closed when the last one leaves.
 */
@Injectable({ providedIn: 'root' })
export class LiveActivityService {
  private readonly http = inject(HttpClient);

  readonly activity$: Observable<ActivityDto> = new Observable<ActivityDto>((subscriber) => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const open = () => {
      source = new EventSource('/api/activity/events');
      source.addEventListener('activity', (event) => {
        try {
          subscriber.next(JSON.parse((event as MessageEvent<string>).data) as ActivityDto);
        } catch {
          // A malformed event is skipped; the next snapshot carries the same information.
        }
      });
      source.onerror = () => {
        // EventSource reconnects by itself after a drop; a stream the server refused stays closed, so open a new one later.
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        retry = setTimeout(open, RECONNECT_MS);
      };
    };
    open();
    return () => {
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }).pipe(
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    share({ resetOnRefCountZero: true }),
  );

  /** The same numbers once, for a first paint before the stream's first event. */
  snapshot(): Observable<ActivityDto> {
    return this.http.get<ActivityDto>('/api/activity');
  }
}
