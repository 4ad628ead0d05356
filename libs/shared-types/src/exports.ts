import { z } from 'zod';
import { NamingSchema } from './style/schema';

export const EXPORT_SCOPES = ['all', 'department', 'selection'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

export const EXPORT_STATES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

export const CreateExportSchema = z
  .strictObject({
    scope: z.enum(EXPORT_SCOPES),
    department: z.string().trim().min(1).max(200).optional(),
    employeeIds: z.array(z.uuid()).min(1).max(10_000).optional(),
    /** Rendition names of the org's current style; one folder each in the ZIP. */
    renditions: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'is not a rendition name'))
      .min(1)
      .max(12)
      .refine((r) => new Set(r).size === r.length, 'must not repeat a rendition'),
    /** File naming pattern; the style's pattern when left out. A short id is always added. */
    naming: NamingSchema.optional(),
    includeEmail: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'department' && !v.department) ctx.addIssue({ code: 'custom', path: ['department'], message: 'is required when scope is department' });
    if (v.scope === 'selection' && !v.employeeIds) ctx.addIssue({ code: 'custom', path: ['employeeIds'], message: 'is required when scope is selection' });
    if (v.scope !== 'department' && v.department) ctx.addIssue({ code: 'custom', path: ['department'], message: 'is only allowed when scope is department' });
    if (v.scope !== 'selection' && v.employeeIds) ctx.addIssue({ code: 'custom', path: ['employeeIds'], message: 'is only allowed when scope is selection' });
  });
export type CreateExportRequest = z.infer<typeof CreateExportSchema>;

export interface ExportFilter {
  scope: ExportScope;
  department?: string;
  employeeIds?: string[];
}

export interface ExportDto {
  id: string;
  state: ExportState;
  /** 0..1 while running; 1 when done. */
  progress: number;
  filter: ExportFilter;
  renditions: string[];
  naming: string;
  includeEmail: boolean;
  /** People in the archive, once known. */
  people: number | null;
  /** ZIP size in bytes when done. */
  size: number | null;
  error: string | null;
  expiresAt: string | null;
  createdAt: string;
  /** Set when the ZIP can be downloaded. */
  downloadUrl: string | null;
}

/** Export jobs carry the export id only. */
export interface ExportJobPayload {
  exportId: string;
}

/** One person in manifest.json. */
export interface ExportManifestEntry {
  name: string;
  firstName: string;
  lastName: string;
  title: string;
  department: string;
  email?: string;
  approvedAt: string;
  /** Path inside the ZIP per rendition name. */
  files: Record<string, string>;
  /** This person's files for print (CMYK, TIFF, or 300 DPI and more), paths inside the ZIP. */
  printFiles: string[];
}

/** One rendition folder of an export ZIP as manifest.json describes it (`folders`). */
export interface ExportManifestFolder {
  rendition: string;
  /** `print/`: the folder inside the ZIP. */
  folder: string;
  format: string;
  colourSpace: 'srgb' | 'cmyk';
  /** The DPI written into the files; null for headshots made before it was recorded. */
  dpi: number | null;
  /** CMYK, TIFF, or 300 DPI and more. */
  forPrint: boolean;
  /** Some files of the folder were made with an earlier style and differ from the first. */
  mixed: boolean;
  /** "CMYK TIFF, 2000×2000 px, 300 DPI, Coated FOGRA39 profile embedded: for professional (offset) printing; not for screens". */
  description: string;
}

/** `GET /api/exports/options`: what an export can ask for, readable by marketing too. */
export interface ExportOptionsDto {
  /** Rendition names of the current company style. */
  renditions: string[];
  /** What each of those renditions is, in the same order: format, colour space, DPI, and whether it is for print. */
  renditionDetails: { name: string; format: string; colourSpace: 'srgb' | 'cmyk'; dpi: number; forPrint: boolean }[];
  /** The style's file naming pattern. */
  naming: string;
  departments: string[];
  /** Whether the caller may include work e-mail addresses (always for HR; for marketing when HR allows). */
  emailsAllowed: boolean;
}

/** `GET/PUT /api/exports/settings` (HR): what marketing may put in its exports. */
export const ExportSettingsSchema = z.strictObject({
  /** Marketing may include work e-mail addresses in exports (and download exports that include them). */
  marketingSeesEmails: z.boolean(),
});
export type ExportSettings = z.infer<typeof ExportSettingsSchema>;
