import { StyleSchema, type Style, type StyleInput } from './schema';

const commonRenditions: StyleInput['renditions'] = [
  { name: 'web', size: 800, format: 'webp', quality: 82, dpi: 72 },
  { name: 'linkedin', width: 400, height: 400, format: 'jpeg', quality: 90, dpi: 72 },
  { name: 'print', size: 2000, format: 'jpeg', quality: 92, dpi: 300 },
];

const presetInputs = {
  'corporate-grey': {
    name: 'Corporate grey',
    canvas: { aspect: '1:1', width: 2000 },
    framing: { eyeLine: 0.42, faceHeight: 0.36 },
    background: { type: 'solid', colour: '#8c9096' },
    colour: { whiteBalance: true, exposureTarget: 0.52 },
    retouch: { strength: 0.25 },
    renditions: commonRenditions,
    naming: '{first}-{last}-{rendition}',
  },
  'bright-office-blur': {
    name: 'Bright office blur',
    canvas: { aspect: '4:5', width: 1600 },
    framing: { eyeLine: 0.4, faceHeight: 0.32 },
    background: { type: 'blur', strength: 0.7, brightness: 1.1 },
    colour: { whiteBalance: true, exposureTarget: 0.56 },
    retouch: { strength: 0.2 },
    renditions: [
      { name: 'web', size: 800, format: 'jpeg', quality: 85, dpi: 72 },
      { name: 'linkedin', width: 400, height: 400, format: 'jpeg', quality: 90, dpi: 72 },
      { name: 'print', size: 2000, format: 'jpeg', quality: 92, dpi: 300 },
    ],
    naming: '{first}-{last}-{rendition}',
  },
  'brand-gradient': {
    name: 'Brand gradient',
    canvas: { aspect: '1:1', width: 2000 },
    framing: { eyeLine: 0.43, faceHeight: 0.37 },
    background: { type: 'gradient', from: '#1d3557', to: '#4f7cac', angle: 0 },
    colour: { whiteBalance: true, exposureTarget: 0.54 },
    retouch: { strength: 0.3 },
    renditions: [
      ...commonRenditions,
      { name: 'cutout', size: 1200, format: 'png', transparent: true, dpi: 72 },
      // Round avatar for chat tools and social profiles, ringed in the brand's lighter blue.
      { name: 'profile', width: 600, height: 600, format: 'png', dpi: 72, profile: { shape: 'circle', ring: { colour: '#4f7cac', width: 0.03 }, faceHeight: 0.4 } },
    ],
    naming: '{first}-{last}-{rendition}',
  },
  // The same look as corporate grey, framed closer: for teams whose selfies are close-ups that end at
  // the chest or have the shoulders cut by the photo's sides (the default head-and-shoulders framing
  // refuses those). A team uses one framing: mixing both would put faces of two sizes side by side.
  'tight-headshot': {
    name: 'Tight headshot',
    canvas: { aspect: '1:1', width: 2000 },
    framing: { eyeLine: 0.45, faceHeight: 0.46 },
    background: { type: 'solid', colour: '#8c9096' },
    colour: { whiteBalance: true, exposureTarget: 0.52 },
    retouch: { strength: 0.25 },
    renditions: commonRenditions,
    naming: '{first}-{last}-{rendition}',
  },
} satisfies Record<string, StyleInput>;

export type StylePresetId = keyof typeof presetInputs;

/** The built-in presets, parsed (defaults filled). */
export const STYLE_PRESETS: Record<StylePresetId, Style> = Object.fromEntries(
  Object.entries(presetInputs).map(([id, input]) => [id, StyleSchema.parse(input)]),
) as Record<StylePresetId, Style>;

export const STYLE_PRESET_IDS = Object.keys(presetInputs) as StylePresetId[];

/** Finds a preset by id ("corporate-grey") or display name ("Corporate grey"), case-insensitively. */
export function findStylePreset(nameOrId: string): Style | undefined {
  const key = nameOrId.trim().toLowerCase();
  for (const id of STYLE_PRESET_IDS) {
    if (id === key || STYLE_PRESETS[id].name.toLowerCase() === key) return STYLE_PRESETS[id];
  }
  return undefined;
}
