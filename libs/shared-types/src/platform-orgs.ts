import { z } from 'zod';
import { EmailAddressSchema } from './employees';

/** An org's display name: in mails, on the upload page, on the export's team page. */
export const OrgNameSchema = z.string().trim().min(1, 'must not be empty').max(200);

/** Quotas an operator sets per org; null (or absent on create) means no limit. */
export const OrgQuotasSchema = z.strictObject({
  maxEmployees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  maxStorageBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
});
export type OrgQuotas = z.infer<typeof OrgQuotasSchema>;

/** `POST /api/operator/orgs`: an org and its first owner (who gets a one-time password unless one is given). */
export const CreatePlatformOrgSchema = z.strictObject({
  name: OrgNameSchema,
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and single dashes')
    .max(60)
    .optional(),
  owner: z.strictObject({
    email: EmailAddressSchema,
    password: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
  }),
  quotas: OrgQuotasSchema.optional(),
});
export type CreatePlatformOrgRequest = z.infer<typeof CreatePlatformOrgSchema>;

/** `PATCH /api/operator/orgs/:id`: rename or change quotas. */
export const UpdatePlatformOrgSchema = z.strictObject({
  name: OrgNameSchema.optional(),
  quotas: OrgQuotasSchema.optional(),
});
export type UpdatePlatformOrgRequest = z.infer<typeof UpdatePlatformOrgSchema>;

export interface PlatformOrgDto {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
  suspendedAt: string | null;
  quotas: { maxEmployees: number | null; maxStorageBytes: number | null };
  usage: { employees: number; storageBytes: number; members: number };
  /** Queued work a worker left waiting because the org is suspended; it resumes when the suspension is lifted. */
  paused: { headshots: number; exports: number };
}

export interface CreatedPlatformOrgDto {
  org: PlatformOrgDto;
  owner: { id: string; email: string; oneTimePassword: string | null };
}
