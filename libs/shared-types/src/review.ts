import { z } from 'zod';
import type { HeadshotStateName } from './intake';

/** The headshot states HR filters the review grid by. */
export const REVIEW_STATES = ['in_review', 'approved', 'rejected', 'failed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const ReviewListQuerySchema = z.strictObject({
  state: z.enum(REVIEW_STATES).default('in_review'),
  department: z.string().trim().max(200).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReviewListQuery = z.infer<typeof ReviewListQuerySchema>;

export interface ReviewWarning {
  code: string;
  sentence: string;
}

/** One row of the review grid: the latest headshot version of one employee in the filtered state. */
export interface ReviewItemDto {
  headshotId: string;
  employeeId: string;
  uploadId: string;
  firstName: string;
  lastName: string;
  title: string;
  department: string;
  state: HeadshotStateName;
  /** 0 for the first render of an upload, +1 for each regeneration. */
  version: number;
  /** Which result of this selfie it is ("Result 2"), counted as the viewer counts them: across regenerations and style changes. */
  result: number;
  adjustments: HeadshotAdjustments | null;
  qualityScore: number | null;
  warnings: ReviewWarning[];
  renditions: string[];
  /** The rendition with the most pixels, for the full-size viewer; null before the first render. */
  fullSize: string | null;
  failureReason: string | null;
  rejectionReason: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

/**
 * One generated result of a person's selfie: every render and regeneration of the same upload, in the
 * order they were made. Numbered "Result 1, 2, …" so they are not mistaken for style versions.
 */
export interface HeadshotResultDto {
  headshotId: string;
  /** 1 for the first render of this selfie, counting up across regenerations and style changes. */
  result: number;
  state: HeadshotStateName;
  adjustments: HeadshotAdjustments | null;
  renditions: string[];
  fullSize: string | null;
  failureReason: string | null;
  createdAt: string;
}

/** A regeneration rendered small, on the interactive queue, before HR commits to it. */
export interface AdjustmentPreviewDto {
  /** A JPEG as a data URL, or null when the selfie could not be rendered with these adjustments. */
  image: string | null;
  message: string | null;
}

// Free text that goes into a mail: no control characters except line breaks.
const reasonText = z
  .string()
  .trim()
  .min(3, 'say in a few words what the employee should do differently')
  .max(1000)
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  .refine((v) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'must not contain control characters');

export const RejectHeadshotSchema = z.strictObject({ reason: reasonText });
export type RejectHeadshotRequest = z.infer<typeof RejectHeadshotSchema>;

/** Small per-person corrections for a regeneration, applied on top of the pinned style. */
export const HeadshotAdjustmentsSchema = z.strictObject({
  cropNudge: z
    .strictObject({
      /** Moves the eye line, as a fraction of the canvas height: negative = face higher. */
      vertical: z.number().min(-0.1).max(0.1).default(0),
      /** Scales the face height: positive = closer. */
      zoom: z.number().min(-0.2).max(0.2).default(0),
    })
    .optional(),
  /** Replaces the background with the blurred original at this strength (0..1). */
  backgroundBlur: z.number().min(0).max(1).optional(),
  /** Shifts the exposure target (face luminance), -0.2..0.2. */
  exposure: z.number().min(-0.2).max(0.2).optional(),
});
export type HeadshotAdjustments = z.infer<typeof HeadshotAdjustmentsSchema>;
export const RegenerateHeadshotSchema = HeadshotAdjustmentsSchema;
export type RegenerateHeadshotRequest = HeadshotAdjustments;

export const BulkApproveSchema = z.strictObject({
  headshotIds: z.array(z.uuid()).min(1).max(5_000),
});
export type BulkApproveRequest = z.infer<typeof BulkApproveSchema>;

export interface BulkApproveResult {
  approved: number;
  skipped: { headshotId: string; reason: string }[];
}

export interface ReviewDecisionDto {
  headshotId: string;
  employeeId: string;
  state: HeadshotStateName;
}

export const ImageUrlQuerySchema = z.strictObject({
  /** A rendition name, or `original` for the selfie the headshot was made from. */
  rendition: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'is not a rendition name'),
});
export type ImageUrlQuery = z.infer<typeof ImageUrlQuerySchema>;

/** A URL that works without the session cookie (for <img> and downloads) until `expiresAt`. */
export interface SignedImageUrlDto {
  url: string;
  expiresAt: string;
}

/** A selfie the instant checks refused: when, and what the employee was told. The photo is not kept. */
export interface RefusedUploadDto {
  at: string;
  checks: { code: string; sentence: string }[];
}
