import { z } from 'zod';

export const AuditQuerySchema = z.strictObject({
  /** An action or a prefix of one: `auth.` matches every sign-in event. */
  action: z.string().trim().max(100).regex(/^[a-z_.]*$/, 'may contain only a-z, _ and .').optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export interface AuditEventDto {
  id: string;
  at: string;
  action: string;
  /** The user who acted; null for the system (bootstrap, maintenance, employees through their link). */
  actor: { id: string; email: string } | null;
  subjectType: string | null;
  subjectId: string | null;
  /** Who or what the subject is now (an employee's or member's name, a campaign's name); null once erased or unknown. */
  subjectName: string | null;
  details: Record<string, unknown>;
}
