// The API contract lives in @teamframe/shared-types; type-only imports, so nothing from the lib
// (zod included) ends up in the browser bundle.
import type { DependencyHealth, HealthResponse, SessionResponse, UserRole } from '@teamframe/shared-types';

export type {
  ApiErrorBody,
  DependencyHealth,
  HealthResponse,
  LoginRequest,
  SessionOrg,
  SessionResponse,
  SessionUser,
  UserRole,
} from '@teamframe/shared-types';

export type Session = SessionResponse;
export type HealthReport = HealthResponse;
export type ComponentHealth = DependencyHealth;

/** How a role reads in the interface. */
export const ROLE_LABELS: Record<UserRole, string> = {
  owner: 'Owner',
  hr_admin: 'HR admin',
  marketing: 'Marketing',
};
