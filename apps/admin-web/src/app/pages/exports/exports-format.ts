import type { ExportDto, ExportOptionsDto, ExportState } from '@teamframe/shared-types';

/** The style's renditions when nobody changed them (libs/shared-types style schema). */
export const DEFAULT_RENDITIONS: readonly string[] = ['web', 'linkedin', 'print'];

export const DEFAULT_NAMING = '{first}-{last}-{rendition}';

export const NAMING_TOKENS: readonly string[] = ['first', 'last', 'rendition', 'id', 'department', 'index'];

/** Queued and running exports change on their own; the page polls them. */
export function isActive(e: Pick<ExportDto, 'state'>): boolean {
  return e.state === 'queued' || e.state === 'running';
}

/** Expired by state, or done but past its expiry while the maintenance job has not run yet. */
export function isExpired(e: Pick<ExportDto, 'state' | 'expiresAt'>, now = Date.now()): boolean {
  if (e.state === 'expired') return true;
  return e.state === 'done' && !!e.expiresAt && Date.parse(e.expiresAt) <= now;
}

export function displayState(e: Pick<ExportDto, 'state' | 'expiresAt'>, now = Date.now()): ExportState {
  return isExpired(e, now) ? 'expired' : e.state;
}

export const STATE_LABELS: Record<ExportState, string> = {
  queued: 'Waiting',
  running: 'Building',
  done: 'Ready',
  failed: 'Failed',
  expired: 'Expired',
};

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function scopeText(e: Pick<ExportDto, 'filter'>): string {
  switch (e.filter.scope) {
    case 'all':
      return 'Everyone approved';
    case 'department':
      return `Department: ${e.filter.department ?? ''}`;
    case 'selection': {
      const n = e.filter.employeeIds?.length ?? 0;
      return `${n} selected ${n === 1 ? 'person' : 'people'}`;
    }
  }
}

/** Progress as a whole percentage for the bar; 0..1 from the API. */
export function percent(e: Pick<ExportDto, 'progress' | 'state'>): number {
  if (e.state === 'done') return 100;
  return Math.max(0, Math.min(100, Math.round((e.progress ?? 0) * 100)));
}

/**
 * The API's "unknown rendition" message ends with the names the style has ("Choose from web, print.").
 * Marketing cannot read the style, so this is how the form learns the real names after one miss.
 */
export function renditionsFromMessage(message: string): string[] {
  const m = /Choose from (.+?)\.?$/.exec(message.trim());
  if (!m) return [];
  return m[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9][a-z0-9_-]{0,39}$/.test(s));
}

/** Client-side check that mirrors NamingSchema, so a typo is caught before the request. */
export function namingProblem(pattern: string): string | null {
  const p = pattern.trim();
  if (!p) return null;
  if (!p.includes('{rendition}')) return 'The pattern must contain {rendition}.';
  const unknown = [...p.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((t) => !NAMING_TOKENS.includes(t));
  if (unknown.length) return `Unknown ${unknown.length === 1 ? 'token' : 'tokens'}: ${unknown.map((t) => `{${t}}`).join(', ')}.`;
  if (/[/\\:*?"<>|]/.test(p.replace(/\{[^}]*\}/g, ''))) return 'The pattern must not contain / \\ : * ? " < > |';
  return null;
}

const FORMAT_NAMES: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF', tiff: 'TIFF' };

/** "CMYK TIFF, 300 DPI · for print": what a rendition's folder will hold, beside its checkbox. */
export function renditionDetail(d: ExportOptionsDto['renditionDetails'][number] | undefined): string {
  if (!d) return '';
  const what = `${d.colourSpace === 'cmyk' ? 'CMYK' : 'sRGB'} ${FORMAT_NAMES[d.format] ?? d.format.toUpperCase()}, ${d.dpi} DPI`;
  return d.forPrint ? `${what} · for print` : what;
}
