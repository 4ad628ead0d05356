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
}
