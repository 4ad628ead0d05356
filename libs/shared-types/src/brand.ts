import { z } from 'zod';

/** `GET /api/org/brand`: the org's brand kit. */
export interface BrandKitDto {
  /** Served to signed-in users; null until a logo is uploaded. */
  logoUrl: string | null;
  colours: string[];
}

export const BrandColoursSchema = z.strictObject({
  colours: z.array(z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1f3a5f').transform((v) => v.toLowerCase())).max(8),
});
export type BrandColoursRequest = z.infer<typeof BrandColoursSchema>;

/** A stored brand background: `ref` goes into a style's `background.ref`. */
export interface BrandBackgroundDto {
  ref: string;
  url: string;
  width: number;
  height: number;
}

export const ApplyStyleRequestSchema = z.strictObject({
  states: z.array(z.enum(['approved', 'in_review'])).min(1).max(2),
  dryRun: z.boolean().default(true),
});

export interface ApplyStyleCountDto {
  /** People whose headshot would be rendered again with the current style. */
  affected: number;
  /** People in those states whose selfie is gone (deleted after approval), so they cannot be re-rendered. */
  withoutSelfie: number;
}
