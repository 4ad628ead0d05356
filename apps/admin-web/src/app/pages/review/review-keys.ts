import type { HeadshotAdjustments, ReviewItemDto, ReviewWarning } from '@teamframe/shared-types';

/** What a key press on a focused review card asks for; null when the key is not a shortcut. */
export type CardCommand =
  | { kind: 'move'; to: number }
  | { kind: 'approve' }
  | { kind: 'reject' }
  | { kind: 'regenerate' }
  | { kind: 'toggle' }
  | { kind: 'open' };

/**
 * Maps a key on card `index` of `count` cards laid out in `columns` columns to a command. Arrow keys
 * move in the grid, J/K (and Home/End) move through the list, Enter or V opens the full-size viewer;
 * modifiers are left to the browser.
 */
export function cardCommand(
  e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>,
  index: number,
  count: number,
  columns: number,
): CardCommand | null {
  if (e.altKey || e.ctrlKey || e.metaKey || count === 0) return null;
  const cols = Math.max(1, columns);
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (e.key) {
    case 'ArrowRight':
    case 'j':
    case 'J':
      return { kind: 'move', to: clamp(index + 1) };
    case 'ArrowLeft':
    case 'k':
    case 'K':
      return { kind: 'move', to: clamp(index - 1) };
    case 'ArrowDown':
      return { kind: 'move', to: index + cols < count ? index + cols : index };
    case 'ArrowUp':
      return { kind: 'move', to: index - cols >= 0 ? index - cols : index };
    case 'Home':
      return { kind: 'move', to: 0 };
    case 'End':
      return { kind: 'move', to: count - 1 };
    case 'a':
    case 'A':
      return { kind: 'approve' };
    case 'r':
    case 'R':
      return { kind: 'reject' };
    case 'g':
    case 'G':
      return { kind: 'regenerate' };
    case 'x':
    case 'X':
      return { kind: 'toggle' };
    case 'Enter':
    case 'v':
    case 'V':
      return { kind: 'open' };
    default:
      return null;
  }
}

/** The sliders of the regenerate dialog, all at 0 when untouched. */
export interface AdjustmentSliders {
  vertical: number;
  zoom: number;
  backgroundBlur: number;
  exposure: number;
}

export function slidersFrom(a: HeadshotAdjustments | null | undefined): AdjustmentSliders {
  return {
    vertical: a?.cropNudge?.vertical ?? 0,
    zoom: a?.cropNudge?.zoom ?? 0,
    backgroundBlur: a?.backgroundBlur ?? 0,
    exposure: a?.exposure ?? 0,
  };
}

/**
 * An adjustment as HR reads it ("4 % higher", "10 % closer", "Strong blur") instead of the raw
 * number the API takes. Crop and exposure are fractions of the canvas height and the luminance
 * target, so a percentage is the honest unit.
 */
export function adjustmentLabel(key: keyof AdjustmentSliders, value: number): string {
  const pct = Math.round(Math.abs(value) * 100);
  if (pct === 0) return key === 'backgroundBlur' ? 'Style background' : 'No change';
  switch (key) {
    case 'vertical':
      return `Face ${pct} % ${value < 0 ? 'higher' : 'lower'}`;
    case 'zoom':
      return `${pct} % ${value < 0 ? 'further away' : 'closer'}`;
    case 'backgroundBlur':
      return `Blurred original, ${value < 0.34 ? 'light' : value < 0.67 ? 'medium' : 'strong'} (${pct} %)`;
    case 'exposure':
      return `${pct} % ${value < 0 ? 'darker' : 'brighter'}`;
  }
}

/** Only the adjustments that differ from "none", so an untouched dialog regenerates with the plain style. */
export function adjustmentsFrom(s: AdjustmentSliders): HeadshotAdjustments {
  const out: HeadshotAdjustments = {};
  const round = (v: number) => Math.round(v * 1000) / 1000;
  if (s.vertical || s.zoom) out.cropNudge = { vertical: round(s.vertical), zoom: round(s.zoom) };
  if (s.backgroundBlur) out.backgroundBlur = round(s.backgroundBlur);
  if (s.exposure) out.exposure = round(s.exposure);
  return out;
}

/** Rendition to show on a card: the web size keeps the style's own crop; else the first there is. */
export function previewRendition(renditions: readonly string[]): string | null {
  for (const preferred of ['web', 'linkedin']) if (renditions.includes(preferred)) return preferred;
  return renditions[0] ?? null;
}

/**
 * Splits warnings into what is about one person (shown on their card, where HR should act) and what
 * every headshot on the page shares (a property of the style, such as a format that cannot carry
 * DPI): those are said once above the grid instead of on every card, where they would teach HR to
 * ignore warnings.
 */
export function splitWarnings(items: readonly Pick<ReviewItemDto, 'headshotId' | 'warnings'>[]): { shared: ReviewWarning[]; personal: Map<string, ReviewWarning[]> } {
  const codesOf = items.map((i) => new Set(i.warnings.map((w) => w.code)));
  const sharedCodes = items.length < 2 ? new Set<string>() : new Set([...codesOf[0]].filter((code) => codesOf.every((c) => c.has(code))));
  const shared: ReviewWarning[] = [];
  for (const code of sharedCodes) shared.push(items[0].warnings.find((w) => w.code === code)!);
  return { shared, personal: new Map(items.map((i) => [i.headshotId, i.warnings.filter((w) => !sharedCodes.has(w.code))])) };
}
