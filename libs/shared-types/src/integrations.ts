import { z } from 'zod';
import { USER_ROLES, type UserRole } from './roles';

/** An API token as the settings page lists it: never the token itself, which is shown once at creation. */
export interface ApiTokenDto {
  id: string;
  name: string;
  role: UserRole;
  /** The first characters after `tf_`, so people can tell their tokens apart. */
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const CreateApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(100),
  role: z.enum(USER_ROLES),
  expiresInDays: z.number().int().min(1, 'must be at least 1').max(730, 'must be at most 730 (two years)'),
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenSchema>;

/** The answer to a creation: the secret, once. */
export interface CreatedSecretDto<T> {
  item: T;
  secret: string;
}

/** The org's SCIM provisioning token (one live at a time); the secret is shown once at creation. */
export interface ScimTokenDto {
  id: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ScimSettingsDto {
  /** The base URL to enter in Okta / Entra ID. */
  baseUrl: string;
  token: ScimTokenDto | null;
  /** A SCIM DELETE erases the employee and their photos; off (the default), it only deactivates them. */
  deleteErases: boolean;
}

export const UpdateScimSettingsSchema = z.strictObject({
  deleteErases: z.boolean(),
});
export type UpdateScimSettingsRequest = z.infer<typeof UpdateScimSettingsSchema>;

export const WEBHOOK_EVENTS = ['headshot.approved', 'headshot.rejected', 'employee.photo_uploaded', 'export.ready', 'campaign.ended'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by the "send test event" button. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export interface WebhookEndpointDto {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** Why it was switched off automatically, when it was. */
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: string;
  secretRotatedAt: string;
}

export const CreateWebhookSchema = z.strictObject({
  url: z.string().trim().url('must be a URL').max(2000),
  description: z.string().trim().max(200).default(''),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'pick at least one event').max(WEBHOOK_EVENTS.length),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookSchema>;

export const UpdateWebhookSchema = z.strictObject({
  url: z.string().trim().url('must be a URL').max(2000).optional(),
  description: z.string().trim().max(200).optional(),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'pick at least one event').max(WEBHOOK_EVENTS.length).optional(),
  /** Turning an endpoint back on clears its failure count. */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookSchema>;

export interface WebhookDeliveryDto {
  id: string;
  eventId: string;
  eventType: string;
  attempt: number;
  /** The receiver's HTTP status, or null when no answer came (refused, timed out, blocked address). */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  at: string;
}

/** The body of every webhook request. */
export interface WebhookEventBody {
  id: string;
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT;
  /** ISO 8601, when the event happened. */
  createdAt: string;
  orgId: string;
  data: Record<string, unknown>;
}
