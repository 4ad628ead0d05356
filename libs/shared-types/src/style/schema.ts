import { z } from 'zod';

/** A CSS-style hex colour, `#rrggbb`. */
export const HexColourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a hex colour like #8a8d91' });

/** Supported canvas aspect ratios (width:height). */
export const CanvasAspectSchema = z.enum(['1:1', '4:5', '3:4']);
export type CanvasAspect = z.infer<typeof CanvasAspectSchema>;

/** Width/height ratio of each canvas aspect. */
export const ASPECT_RATIOS: Record<CanvasAspect, { w: number; h: number }> = {
  '1:1': { w: 1, h: 1 },
  '4:5': { w: 4, h: 5 },
  '3:4': { w: 3, h: 4 },
};

export const CanvasSchema = z.object({
  /** Aspect of the master canvas. */
  aspect: CanvasAspectSchema.default('1:1'),
  /** Width of the master canvas in px; the height follows from the aspect. */
  width: z.number().int().min(256).max(6000).default(2000),
});

export const FramingSchema = z
  .object({
    /** Eye line, as a fraction of the canvas height measured from the top. */
    eyeLine: z.number().min(0.2).max(0.6).default(0.42),
    /** Face height (forehead to chin) as a fraction of the canvas height. */
    faceHeight: z.number().min(0.12).max(0.6).default(0.36),
    /** Horizontal placement: the face is centred. */
    centre: z.literal('face').default('face'),
    /**
     * How far the engine may move away from the targets above when the photo does not show enough of
     * the person (the body, the top of the hair or a shoulder meets the photo's edge). Each is a ±
     * amount in the same units as the target (fractions of the canvas height; the centre in fractions of
     * the width). A photo that no framing inside these bounds fits is refused at upload.
     */
    tolerance: z
      .object({
        faceHeight: z.number().min(0).max(0.15).default(0.04),
        eyeLine: z.number().min(0).max(0.1).default(0.03),
        centre: z.number().min(0).max(0.15).default(0.05),
      })
      .prefault({}),
  })
  .refine((f) => f.eyeLine - f.faceHeight * 0.45 >= 0.02, {
    message: 'eyeLine is too high for this faceHeight: the top of the head would leave the canvas',
    path: ['eyeLine'],
  });

export const SolidBackgroundSchema = z.object({
  type: z.literal('solid'),
  colour: HexColourSchema.default('#8a8d91'),
});
export const GradientBackgroundSchema = z.object({
  type: z.literal('gradient'),
  from: HexColourSchema.default('#1f3b5c'),
  to: HexColourSchema.default('#5f86a8'),
  /** Direction in degrees: 0 = from top to bottom, 90 = from left to right. */
  angle: z.number().min(0).max(360).default(0),
});
export const BlurBackgroundSchema = z.object({
  type: z.literal('blur'),
  /** 0 = barely blurred, 1 = very strong blur. */
  strength: z.number().min(0).max(1).default(0.6),
  /** Brightness multiplier for the blurred backdrop (1 = unchanged). */
  brightness: z.number().min(0.5).max(1.5).default(1.05),
});
export const ImageBackgroundSchema = z.object({
  type: z.literal('image'),
  /** Opaque reference to the brand image (storage key, file name); the bytes are handed to the pipeline. */
  ref: z.string().min(1).max(500),
  /** Optional blur of the brand image, 0..1. */
  blur: z.number().min(0).max(1).default(0),
});
export const BackgroundSchema = z.discriminatedUnion('type', [
  SolidBackgroundSchema,
  GradientBackgroundSchema,
  BlurBackgroundSchema,
  ImageBackgroundSchema,
]);

export const ColourSchema = z.object({
  /** Grey-world white-balance normalisation. */
  whiteBalance: z.boolean().default(true),
  /** Target mean luminance of the face, 0..1 (sRGB). */
  exposureTarget: z.number().min(0.25).max(0.8).default(0.52),
});

export const RetouchSchema = z.object({
  /** Skin smoothing strength: 0 = none, 1 = strong. Subtle by default. */
  strength: z.number().min(0).max(1).default(0.25),
});

export const RenditionFormatSchema = z.enum(['jpeg', 'png', 'webp', 'avif', 'tiff']);
export type RenditionFormat = z.infer<typeof RenditionFormatSchema>;

/**
 * `srgb`: for screens, office printers and photo labs. `cmyk`: separated for professional (offset) printing
 * into the Coated FOGRA39 profile, which is embedded; JPEG or TIFF only, never transparent.
 */
export const ColourSpaceSchema = z.enum(['srgb', 'cmyk']);
export type ColourSpace = z.infer<typeof ColourSpaceSchema>;

/** Formats that can carry CMYK (and that print shops take). */
export const CMYK_FORMATS: readonly RenditionFormat[] = ['jpeg', 'tiff'];
/** Formats browsers show; a rendition in another format (or in CMYK) is shown through an sRGB preview. */
export const SCREEN_FORMATS: readonly RenditionFormat[] = ['jpeg', 'png', 'webp', 'avif'];

/**
 * A file for print: a CMYK separation, a TIFF, or any format at 300 DPI or more (office printers and photo
 * labs take sRGB). Exports mark these files.
 */
export function isPrintRendition(r: { format: string; colourSpace?: ColourSpace; dpi?: number }): boolean {
  return r.colourSpace === 'cmyk' || r.format === 'tiff' || (r.dpi ?? 0) >= 300;
}

/** Whether browsers can show the rendition's file as it is (sRGB in a web format). */
export function isScreenRendition(r: { format: string; colourSpace?: ColourSpace }): boolean {
  return (SCREEN_FORMATS as readonly string[]).includes(r.format) && (r.colourSpace ?? 'srgb') === 'srgb';
}

export const ProfileShapeSchema = z.enum(['square', 'circle']);
export type ProfileShape = z.infer<typeof ProfileShapeSchema>;

/** A coloured ring drawn just inside the edge of a round profile picture. */
export const ProfileRingSchema = z.object({
  colour: HexColourSchema,
  /** Thickness as a fraction of the picture's side (0.03 = 18 px on a 600 px picture). */
  width: z.number().min(0.005).max(0.15).default(0.03),
});
export type ProfileRing = z.output<typeof ProfileRingSchema>;

/**
 * A square profile picture: cropped around the face (not from the canvas framing) so the head and a
 * little shoulder fill it, optionally round with transparent corners and a ring.
 */
export const ProfilePictureSchema = z.object({
  shape: ProfileShapeSchema.default('circle'),
  ring: ProfileRingSchema.nullable().default(null),
  /** Face height (forehead to chin) as a fraction of the picture's side. */
  faceHeight: z.number().min(0.2).max(0.6).default(0.4),
});
export type ProfilePicture = z.output<typeof ProfilePictureSchema>;

export const RenditionSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
        message: 'must be 1-40 lower-case letters, digits, "-" or "_"',
      }),
    /** Output width in px. When only one of width/height is given, the other follows the canvas aspect. */
    width: z.number().int().min(32).max(6000).optional(),
    height: z.number().int().min(32).max(6000).optional(),
    /** Shorthand: long edge in px, keeping the canvas aspect. */
    size: z.number().int().min(32).max(6000).optional(),
    format: RenditionFormatSchema.default('jpeg'),
    quality: z.number().int().min(1).max(100).default(88),
    /** Dots per inch written into the file. */
    dpi: z.number().int().min(36).max(1200).default(72),
    /** `cmyk` makes a print file (JPEG or TIFF) in the embedded Coated FOGRA39 profile. */
    colourSpace: ColourSpaceSchema.default('srgb'),
    /** PNG/WebP only: keep the background transparent (a cut-out). */
    transparent: z.boolean().default(false),
    /** Set to make this rendition a square profile picture centred on the face; absent for a crop of the canvas. */
    profile: ProfilePictureSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.width === undefined && r.height === undefined && r.size === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give width, height or size', path: ['width'] });
    }
    if (r.size !== undefined && (r.width !== undefined || r.height !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either size or width/height, not both', path: ['size'] });
    }
    if (r.transparent && r.format !== 'png' && r.format !== 'webp') {
      ctx.addIssue({
        code: 'custom',
        message: `a transparent background needs format png or webp, not ${r.format}`,
        path: ['transparent'],
      });
    }
    if (r.colourSpace === 'cmyk' && !CMYK_FORMATS.includes(r.format)) {
      ctx.addIssue({ code: 'custom', message: `CMYK needs format jpeg or tiff, not ${r.format}`, path: ['colourSpace'] });
    }
    if (r.colourSpace === 'cmyk' && r.transparent) {
      ctx.addIssue({ code: 'custom', message: 'a CMYK print file cannot be transparent', path: ['colourSpace'] });
    }
    if (r.profile) {
      if (r.width !== undefined && r.height !== undefined && r.width !== r.height) {
        ctx.addIssue({ code: 'custom', message: `a profile picture is square: width and height must be equal (${r.width} ≠ ${r.height})`, path: ['height'] });
      }
      if (r.profile.shape === 'circle' && r.format !== 'png' && r.format !== 'webp') {
        ctx.addIssue({
          code: 'custom',
          message: `a round profile picture needs format png or webp (its corners are transparent), not ${r.format}`,
          path: ['profile', 'shape'],
        });
      }
      if (r.profile.ring && r.profile.shape !== 'circle') {
        ctx.addIssue({ code: 'custom', message: 'a ring needs the round (circle) shape', path: ['profile', 'ring'] });
      }
    }
  });

/** Tokens allowed in the naming pattern. */
export const NAMING_TOKENS = ['first', 'last', 'rendition', 'id', 'department', 'index'] as const;

export const NamingSchema = z
  .string()
  .min(1)
  .max(120)
  .refine((s) => s.includes('{rendition}'), { message: 'must contain {rendition}' })
  .refine((s) => [...s.matchAll(/\{([^}]*)\}/g)].every((m) => (NAMING_TOKENS as readonly string[]).includes(m[1])), {
    message: `only these tokens are allowed: ${NAMING_TOKENS.map((t) => `{${t}}`).join(', ')}`,
  })
  .refine((s) => !/[/\\:*?"<>|]/.test(s.replace(/\{[^}]*\}/g, '')), {
    message: 'must not contain / \\ : * ? " < > |',
  });

const DEFAULT_RENDITIONS = [
  { name: 'web', size: 800, format: 'jpeg' as const, quality: 85, dpi: 72 },
  { name: 'linkedin', width: 400, height: 400, format: 'jpeg' as const, quality: 90, dpi: 72 },
  { name: 'print', size: 2000, format: 'jpeg' as const, quality: 92, dpi: 300 },
];

/** The company style: data, not code. Parse input with {@link parseStyle} to fill defaults. */
export const StyleSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().min(1).max(100).default('Custom style'),
    canvas: CanvasSchema.prefault({}),
    framing: FramingSchema.prefault({}),
    background: BackgroundSchema.prefault({ type: 'solid' }),
    colour: ColourSchema.prefault({}),
    retouch: RetouchSchema.prefault({}),
    renditions: z.array(RenditionSchema).min(1).max(12).prefault(DEFAULT_RENDITIONS),
    naming: NamingSchema.default('{first}-{last}-{rendition}'),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.renditions.forEach((r, i) => {
      if (seen.has(r.name)) {
        ctx.addIssue({ code: 'custom', message: `duplicate rendition name "${r.name}"`, path: ['renditions', i, 'name'] });
      }
      seen.add(r.name);
    });
  });

/** A fully parsed style (all defaults filled). */
export type Style = z.output<typeof StyleSchema>;
/** What a caller may send: every field with a default is optional. */
export type StyleInput = z.input<typeof StyleSchema>;
export type Background = Style['background'];
export type Rendition = Style['renditions'][number];

/** One validation problem: a dotted field path and the reason. */
export interface StyleIssue {
  path: string;
  message: string;
}

export type ParseStyleResult = { success: true; style: Style } | { success: false; issues: StyleIssue[]; message: string };

/** Turns zod issues into `path: reason` lines. */
export function formatStyleIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): StyleIssue[] {
  return issues.map((i) => ({
    path: i.path.length ? i.path.map((p) => String(p)).join('.') : '(style)',
    message: i.message,
  }));
}

/** Validates a style and fills defaults; never throws. */
export function parseStyle(input: unknown): ParseStyleResult {
  const r = StyleSchema.safeParse(input);
  if (r.success) return { success: true, style: r.data };
  const issues = formatStyleIssues(r.error.issues);
  return { success: false, issues, message: issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
}

/** Canvas size in px for a parsed style. */
export function canvasSize(style: Pick<Style, 'canvas'>): { width: number; height: number } {
  const a = ASPECT_RATIOS[style.canvas.aspect];
  return { width: style.canvas.width, height: Math.round((style.canvas.width * a.h) / a.w) };
}

/** Output size in px of one rendition for a parsed style; a profile picture is always square. */
export function renditionSize(style: Pick<Style, 'canvas'>, r: Pick<Rendition, 'width' | 'height' | 'size'> & { profile?: Rendition['profile'] }): { width: number; height: number } {
  if (r.profile) {
    const side = r.size ?? r.width ?? r.height ?? canvasSize(style).width;
    return { width: side, height: side };
  }
  const c = canvasSize(style);
  const ratio = c.width / c.height;
  if (r.width !== undefined && r.height !== undefined) return { width: r.width, height: r.height };
  if (r.width !== undefined) return { width: r.width, height: Math.round(r.width / ratio) };
  if (r.height !== undefined) return { width: Math.round(r.height * ratio), height: r.height };
  const size = r.size ?? c.height;
  return ratio >= 1 ? { width: size, height: Math.round(size / ratio) } : { width: Math.round(size * ratio), height: size };
}
