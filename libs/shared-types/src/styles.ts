import { z } from 'zod';

export interface StyleVersionDto {
  id: string;
  version: number;
  current: boolean;
  document: unknown;
  createdAt: string;
  createdBy: string | null;
}

export interface StylePresetDto {
  id: string;
  name: string;
  document: unknown;
}

/** One changed leaf between two style versions, by dotted path. */
export interface StyleChange {
  path: string;
  from: unknown;
  to: unknown;
}

export const SaveStyleSchema = z.strictObject({ document: z.unknown() });
export type SaveStyleRequest = z.infer<typeof SaveStyleSchema>;

export const StylePreviewSchema = z.strictObject({
  document: z.unknown(),
  /** Uploads to render on; omit for the org's most recent ones. */
  uploadIds: z.array(z.uuid()).max(6).optional(),
});
export type StylePreviewRequest = z.infer<typeof StylePreviewSchema>;

export interface StylePreviewDto {
  /** `uploadId` is `sample-N` for a bundled sample portrait (used until the org has selfies), with `sample` set. */
  items: { uploadId: string; ok: boolean; image: string | null; message: string | null; ms: number; sample?: { label: string; credit: string } }[];
}

/** A preview job names a draft kept briefly in Redis; the draft itself never rides in the job. */
export interface StylePreviewJobPayload {
  previewId: string;
}
