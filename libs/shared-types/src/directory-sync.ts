import { z } from 'zod';

/** Where approved headshots can be pushed. DO NOT RENAME: stored in directory_connection.kind. */
export const DIRECTORY_KINDS = ['microsoft', 'google', 'bamboohr'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
/** Which rendition goes out; it must be a JPEG (Microsoft Graph and Google accept JPEG only). */
const rendition = z.string().trim().min(1).max(100);

export const MicrosoftConnectionSchema = z.strictObject({
  kind: z.literal('microsoft'),
  enabled: z.boolean(),
  rendition,
  config: z.strictObject({ tenantId: text(100), clientId: text(100) }),
  /** Write-only: left out, the stored secret is kept. */
  credentials: z.strictObject({ clientSecret: text(1000) }).optional(),
});

export const GoogleConnectionSchema = z.strictObject({
  kind: z.literal('google'),
  enabled: z.boolean(),
  rendition,
  /** The admin the service account acts for (domain-wide delegation). */
  config: z.strictObject({ adminEmail: z.email(), serviceAccountEmail: z.email() }),
  credentials: z.strictObject({ privateKeyPem: z.string().trim().min(100).max(10_000).regex(/-----BEGIN PRIVATE KEY-----/, 'must be the private_key of the service account JSON key') }).optional(),
});

export const BambooHrConnectionSchema = z.strictObject({
  kind: z.literal('bamboohr'),
  enabled: z.boolean(),
  rendition,
  /** The company's BambooHR subdomain (`acme` for acme.bamboohr.com). */
  config: z.strictObject({ companyDomain: z.string().trim().regex(/^[a-z0-9-]{1,63}$/i, 'must be the BambooHR subdomain, e.g. acme') }),
  credentials: z.strictObject({ apiKey: text(200) }).optional(),
});

export const DirectoryConnectionSchema = z.discriminatedUnion('kind', [MicrosoftConnectionSchema, GoogleConnectionSchema, BambooHrConnectionSchema]);
export type DirectoryConnectionRequest = z.infer<typeof DirectoryConnectionSchema>;

export interface DirectoryConnectionDto {
  kind: DirectoryKind;
  enabled: boolean;
  rendition: string;
  config: Record<string, string>;
  /** Whether credentials are stored; they are never returned. */
  hasCredentials: boolean;
  updatedAt: string;
}

export const DirectoryRunSchema = z.strictObject({ dryRun: z.boolean() });

export interface DirectoryRunResult {
  dryRun: boolean;
  /** People whose approved headshot is not in the directory yet (or a newer one was approved). */
  people: { employeeId: string; name: string; email: string }[];
}

export type DirectorySyncState = 'pending' | 'queued' | 'synced' | 'failed' | 'skipped';

export interface DirectoryPersonSyncDto {
  employeeId: string;
  name: string;
  email: string;
  kind: DirectoryKind;
  state: DirectorySyncState;
  detail: string | null;
  syncedAt: string | null;
  updatedAt: string;
}
