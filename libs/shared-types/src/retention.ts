import { z } from 'zod';

/** `GET/PUT /api/org/retention`: how long Teamframe keeps what employees sent and what it made. */
export const RetentionSettingsSchema = z.strictObject({
  /** Delete the selfie once the headshot is approved (the headshot stays). */
  deleteOriginalsAfterApproval: z.boolean(),
  /** Delete every selfie this many days after upload, approved or not; null keeps them. */
  deleteOriginalsAfterDays: z.number().int().min(1).max(3650).nullable(),
  /** Delete selfies and headshots never approved this many days after upload; null keeps them. */
  deleteUnapprovedAfterDays: z.number().int().min(1).max(3650).nullable(),
  /** How long an export ZIP can be downloaded. */
  exportExpiryHours: z.number().int().min(1).max(24 * 90),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export interface RetentionRunResult {
  originalsDeleted: number;
  headshotsDeleted: number;
}

/** What erasing one employee would delete, counted before HR confirms. */
export interface ErasurePreview {
  name: string;
  email: string;
  uploads: number;
  headshots: number;
  /** Export ZIPs that contain the employee; they are deleted whole. */
  exports: number;
  invites: number;
  /** Refused upload attempts on record (the reasons only; refused photos are never stored). */
  refusedAttempts: number;
}

export interface ErasureResult {
  uploadsDeleted: number;
  headshotsDeleted: number;
  exportsDeleted: number;
}
