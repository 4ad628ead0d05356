export type DependencyStatus = 'up' | 'down';

export interface DependencyHealth {
  status: DependencyStatus;
  latencyMs: number | null;
  error?: string;
}

/** What `GET /api/health` answers; HTTP 503 when any dependency is down. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  version: string;
  role: 'api' | 'worker' | 'all';
  database: DependencyHealth;
  redis: DependencyHealth;
  /**
   * Worker processes taking headshot jobs now (this one included when it is a worker or `all`); null when
   * Redis could not say. Informational: none connected does not make the status `degraded` (the API
   * still answers and keeps every selfie), but headshots and an `api` process's upload checks wait.
   */
  workers: number | null;
}
