import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, type Observable, of, throwError } from 'rxjs';
import type { HealthReport } from './api-types';

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);

  /**
   * A degraded API may answer 503 with the same report in the body; that is still a report to show,
   * not an error.
   */
  check(): Observable<HealthReport> {
    return this.http.get<HealthReport>('/api/health').pipe(
      catchError((err: unknown) =>
        err instanceof HttpErrorResponse && isHealthReport(err.error) ? of(err.error) : throwError(() => err),
      ),
    );
  }
}

function isHealthReport(body: unknown): body is HealthReport {
  return (
    typeof body === 'object' &&
    body !== null &&
    'database' in body &&
    'redis' in body &&
    typeof (body as { database: unknown }).database === 'object'
  );
}
