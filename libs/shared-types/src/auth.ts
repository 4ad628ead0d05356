import { z } from 'zod';
import type { UserRole } from './roles';

export const LoginRequestSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
}

export interface SessionOrg {
  id: string;
  name: string;
  slug: string;
}

/** What `GET /api/auth/session` and `POST /api/auth/login` answer. */
export interface SessionResponse {
  user: SessionUser;
  org: SessionOrg;
}
