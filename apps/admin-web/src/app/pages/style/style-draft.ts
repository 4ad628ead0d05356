import type { Background, ColourSpace, Rendition, RenditionFormat, Style } from '@teamframe/shared-types';

// Pure helpers for the style editor. Values are copied from libs/shared-types and libs/pipeline on
// purpose: a value import would pull zod (or sharp) into the browser bundle.

export const ASPECTS = ['1:1', '4:5', '3:4'] as const;
export const ASPECT_LABELS: Record<(typeof ASPECTS)[number], string> = {
  '1:1': 'Square (1:1)',
  '4:5': 'Portrait (4:5)',
  '3:4': 'Portrait (3:4)',
};
export const FORMATS: readonly RenditionFormat[] = ['jpeg', 'png', 'webp', 'avif', 'tiff'];
/** Formats a CMYK print file can be (the schema's CMYK_FORMATS). */
export const CMYK_FORMATS: readonly RenditionFormat[] = ['jpeg', 'tiff'];
export const COLOUR_SPACE_LABELS: Record<ColourSpace, string> = {
  srgb: 'sRGB: screens and office print',
  cmyk: 'CMYK: professional print',
};
/** The DPI a print shop expects; a rendition switched to CMYK gets at least this. */
export const PRINT_DPI = 300;
export const NAMING_TOKENS = ['first', 'last', 'rendition', 'id', 'department', 'index'] as const;

/** Limits from the style schema, for the sliders and number fields. */
export const LIMITS = {
  width: { min: 256, max: 6000 },
  eyeLine: { min: 0.2, max: 0.6 },
  faceHeight: { min: 0.12, max: 0.6 },
  faceHeightTolerance: { max: 0.15 },
  eyeLineTolerance: { max: 0.1 },
  exposureTarget: { min: 0.25, max: 0.8 },
  renditionSize: { min: 32, max: 6000 },
  quality: { min: 1, max: 100 },
  dpi: { min: 36, max: 1200 },
} as const;

/**
 * The framing margins of a draft. A document saved before margins existed has none; the schema's
 * defaults apply to it, so the editor shows those.
 */
export function framingTolerance(framing: Partial<Style['framing']>): Style['framing']['tolerance'] {
  return { faceHeight: 0.04, eyeLine: 0.03, centre: 0.05, ...framing.tolerance };
}

const DEFAULT_BACKGROUNDS = {
  solid: { type: 'solid', colour: '#8a8d91' },
  gradient: { type: 'gradient', from: '#1f3b5c', to: '#5f86a8', angle: 0 },
  blur: { type: 'blur', strength: 0.6, brightness: 1.05 },
} as const satisfies Record<string, Background>;

export type EditableBackgroundType = keyof typeof DEFAULT_BACKGROUNDS;

/** A background of another type, keeping the colours the user already picked where they carry over. */
export function switchBackground(current: Background, type: Background['type']): Background {
  if (current.type === type) return current;
  if (type === 'image') return current;
  if (type === 'gradient' && current.type === 'solid') return { ...DEFAULT_BACKGROUNDS.gradient, from: current.colour };
  if (type === 'solid' && current.type === 'gradient') return { type: 'solid', colour: current.from };
  return { ...DEFAULT_BACKGROUNDS[type] };
}

/** Same slugging as libs/pipeline naming.ts, so the example matches the exported file names. */
function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const EXTENSIONS: Record<RenditionFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', tiff: 'tif' };

/** The file name `pattern` gives one sample person, as the export writes it. */
export function namingExample(pattern: string, rendition: Pick<Rendition, 'name' | 'format'>): string {
  // The same values the export fills in: an 8-digit short id, a 4-digit position. A Map, so a token such as
  // {constructor} finds nothing rather than an inherited function.
  const values = new Map([['first', 'Ana'], ['last', 'Lima'], ['id', '3f9c2a1b'], ['department', 'Sales'], ['index', '0001']]);
  const name = pattern.replace(/\{([a-z]+)\}/g, (_, k: string) => (k === 'rendition' ? slug(rendition.name) : slug(values.get(k) ?? '')));
  const clean = name.replace(/-{2,}/g, '-').replace(/^[-_.]+|[-_.]+$/g, '') || slug(rendition.name) || 'headshot';
  return `${clean}.${EXTENSIONS[rendition.format]}`;
}

/** What is wrong with a naming pattern, checked as the schema does; null when it is fine. */
export function namingProblem(pattern: string): string | null {
  if (!pattern.trim()) return 'Enter a pattern.';
  if (pattern.length > 120) return 'Keep the pattern under 120 characters.';
  if (!pattern.includes('{rendition}')) return 'The pattern must contain {rendition}, or the sizes would overwrite each other.';
  const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((t) => !(NAMING_TOKENS as readonly string[]).includes(t));
  if (unknown.length) return `Unknown token {${unknown[0]}}. Use ${NAMING_TOKENS.map((t) => `{${t}}`).join(', ')}.`;
  if (/[/\\:*?"<>|]/.test(pattern.replace(/\{[^}]*\}/g, ''))) return 'File names cannot contain / \\ : * ? " < > |';
  return null;
}

/** How a rendition's size reads: "800 px long edge" or "400 × 400 px". */
export function renditionSizeText(r: Pick<Rendition, 'width' | 'height' | 'size'>): string {
  if (r.size !== undefined) return `${r.size} px long edge`;
  if (r.width !== undefined && r.height !== undefined) return `${r.width} × ${r.height} px`;
  if (r.width !== undefined) return `${r.width} px wide`;
  if (r.height !== undefined) return `${r.height} px high`;
  return '';
}

/** A new rendition row with a name that is not taken yet. */
export function newRendition(existing: readonly Pick<Rendition, 'name'>[]): Rendition {
  const taken = new Set(existing.map((r) => r.name));
  let n = existing.length + 1;
  while (taken.has(`size-${n}`)) n++;
  return { name: `size-${n}`, size: 1200, format: 'jpeg', quality: 88, dpi: 72, colourSpace: 'srgb', transparent: false };
}

/** Sets `value` at a dotted path in a copy of `doc` (arrays by index); the original is not touched. */
export function setIn<T>(doc: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const key: string | number = Array.isArray(doc) ? Number(head) : head;
  const copy: Record<string | number, unknown> = Array.isArray(doc) ? ([...doc] as unknown as Record<number, unknown>) : { ...(doc as object) };
  copy[key] = rest.length ? setIn(copy[key] ?? {}, rest.join('.'), value) : value;
  return copy as T;
}

/** The server's detail paths start with "document."; the editor keys its messages by the rest. */
export function stylePath(serverPath: string): string {
  return serverPath.replace(/^document\.?/, '') || '(style)';
}

const FIELD_NAMES: Record<string, string> = {
  colour: 'Colour',
  from: 'Start colour',
  to: 'End colour',
  angle: 'Direction',
  brightness: 'Backdrop brightness',
  ref: 'Brand image',
  blur: 'Image blur',
  aspect: 'Aspect',
  eyeLine: 'Eye line',
  faceHeight: 'Face height',
  tolerance: 'Framing margins',
  whiteBalance: 'White balance',
  exposureTarget: 'Face brightness',
  size: 'Long edge',
  width: 'Width',
  height: 'Height',
  format: 'Format',
  quality: 'Quality',
  dpi: 'DPI',
  transparent: 'Transparent background',
  naming: 'Naming pattern',
};

/** Profile-picture settings of a size row, by their path under `profile`. */
const PROFILE_FIELD_NAMES: Record<string, string> = {
  shape: 'shape',
  ring: 'ring',
  'ring.colour': 'ring colour',
  'ring.width': 'ring width',
  faceHeight: 'face size',
};

/** The label a person sees next to the control for a style path. */
export function fieldName(path: string): string {
  const parts = path.split('.');
  const leaf = parts[parts.length - 1];
  if (path === 'name') return 'Style name';
  if (path === 'canvas.width') return 'Master width';
  if (path === 'retouch.strength') return 'Skin smoothing';
  if (path === 'background.strength') return 'Blur strength';
  if (parts[0] === 'renditions' && parts.length >= 2) {
    const row = `Size ${Number(parts[1]) + 1}`;
    if (parts[2] === 'profile') return `${row}: ${PROFILE_FIELD_NAMES[parts.slice(3).join('.')] ?? 'profile picture'}`;
    return parts.length === 2 ? row : `${row}: ${leaf === 'name' ? 'name' : (FIELD_NAMES[leaf] ?? leaf).toLowerCase()}`;
  }
  return FIELD_NAMES[leaf] ?? pathLabel(path);
}

/** "Start colour must be a hex colour like #8a8d91" for every message at or under `path`. */
export function sentencesUnder(errors: ReadonlyMap<string, string>, path: string): string[] {
  const out: string[] = [];
  for (const [p, m] of errors) if (p === path || p.startsWith(`${path}.`)) out.push(`${fieldName(p)} ${m}`);
  return out;
}

/** A changed value as it reads in the compare table. */
export function formatValue(value: unknown): string {
  // The API reports a field that one side does not have as null.
  if (value === undefined || value === null) return '(not set)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "background.colour" → "Background › colour", "renditions.1.quality" → "Renditions › 2 › quality". */
export function pathLabel(path: string): string {
  return path
    .split('.')
    .map((part, i) => (/^\d+$/.test(part) ? String(Number(part) + 1) : i === 0 ? part.charAt(0).toUpperCase() + part.slice(1) : part))
    .join(' › ');
}

/** Whether a document has the fields the editor needs; anything else is shown as an error, not half-edited. */
export function isEditableStyle(doc: unknown): doc is Style {
  const d = doc as Partial<Style> | null;
  return !!d && typeof d === 'object' && !!d.canvas && !!d.framing && !!d.background && !!d.colour && !!d.retouch && Array.isArray(d.renditions) && typeof d.naming === 'string';
}

/** The brand image types the API takes, and its size limit (apps/api brand.controller.ts). */
export const BRAND_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const BRAND_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_BRAND_COLOURS = 8;

/** Why a picked file cannot be a logo or background, checked before sending; null when it may go. */
export function brandImageProblem(file: Pick<File, 'type' | 'size' | 'name'>): string | null {
  if (file.type === 'image/svg+xml' || /\.svg$/i.test(file.name)) return 'SVG files are not supported. Export the image as PNG (or JPEG, WebP) and try again.';
  if (file.type && !(BRAND_IMAGE_TYPES as readonly string[]).includes(file.type)) return 'Use a JPEG, PNG or WebP image.';
  if (file.size > BRAND_IMAGE_MAX_BYTES) return `The image is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB.`;
  if (file.size === 0) return 'The file is empty.';
  return null;
}

/** Where the editor can show a brand background stored under `ref` ("org/…/brand/background-….jpg"). */
export function brandBackgroundUrl(ref: string): string | null {
  const name = ref.split('/').pop() ?? '';
  return /^background-[a-f0-9]{16}\.jpg$/.test(name) ? `/api/org/brand/backgrounds/${name}` : null;
}

/** "#ABC" / "abc123" / " #1F3A5F " → "#1f3a5f"; null when it is not a colour. */
export function normaliseHex(value: string): string | null {
  let v = value.trim().toLowerCase();
  if (!v.startsWith('#')) v = `#${v}`;
  if (/^#[0-9a-f]{3}$/.test(v)) v = `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  return /^#[0-9a-f]{6}$/.test(v) ? v : null;
}

/**
 * A rendition in another colour space. CMYK is for print: it turns a web format into TIFF (a print shop's
 * usual choice), drops transparency (print files have none) and raises the DPI to 300.
 */
export function withColourSpace<R extends Pick<Rendition, 'format' | 'transparent' | 'dpi'> & { colourSpace?: ColourSpace }>(r: R, colourSpace: ColourSpace): R {
  if (colourSpace === 'srgb') return { ...r, colourSpace };
  return { ...r, colourSpace, format: CMYK_FORMATS.includes(r.format) ? r.format : 'tiff', transparent: false, dpi: Math.max(r.dpi ?? PRINT_DPI, PRINT_DPI) };
}

/** The schema's default style name: a style called this was never named by anyone. */
const DEFAULT_STYLE_NAME = 'Custom style';

/**
 * The name a draft gets when HR starts from a preset: the preset's, so the style says what it looks like,
 * unless the org gave its style a name of its own (neither the default nor another preset's), which stays.
 */
export function nameAfterPreset(currentName: string | undefined, presetName: string, presetNames: readonly string[]): string {
  const name = currentName?.trim();
  if (!name || name === DEFAULT_STYLE_NAME || presetNames.includes(name)) return presetName;
  return name;
}

/** A preset's look, drawn small for the preset menu: its background and where its framing puts a head. */
export interface PresetThumb {
  /** CSS background of the thumbnail. */
  background: string;
  /** Width / height of the canvas. */
  aspect: number;
  /** Head (forehead to chin) as percentages of the thumbnail's height, and the eye line. */
  headTop: number;
  headHeight: number;
  eyeLine: number;
}

export function presetThumb(style: Pick<Style, 'background' | 'canvas' | 'framing'>): PresetThumb {
  const b = style.background;
  const background =
    b.type === 'solid'
      ? b.colour
      : b.type === 'gradient'
        ? `linear-gradient(${180 + b.angle}deg, ${b.from}, ${b.to})`
        : b.type === 'blur'
          ? // An office softly out of focus: warm window light to one side, darker shelves to the other.
            'radial-gradient(circle at 25% 30%, #f4efe6 0 18%, transparent 45%), linear-gradient(100deg, #cfc8bb, #8d969c)'
          : '#b8bcc2';
  const [w, h] = style.canvas.aspect.split(':').map(Number);
  // The pipeline puts the forehead 45 % of the face above the eye line (profile-draft.ts says the same).
  const eyeLine = style.framing.eyeLine * 100;
  const headHeight = style.framing.faceHeight * 100;
  return { background, aspect: w / h, headTop: eyeLine - headHeight * 0.45, headHeight, eyeLine };
}
