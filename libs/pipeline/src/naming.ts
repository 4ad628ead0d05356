/** Values for the style's naming pattern. */
export interface NamingValues {
  first?: string;
  last?: string;
  id?: string;
  department?: string;
  index?: number | string;
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * Builds a file name from a naming pattern such as `{first}-{last}-{rendition}`, e.g.
 * `fileNameFor('{first}-{last}-{rendition}', { first: 'Zoë', last: "O'Neil" }, 'web', 'jpg')` → `zoe-o-neil-web.jpg`.
 */
export function fileNameFor(pattern: string, values: NamingValues, rendition: string, extension: string): string {
  const name = pattern.replace(/\{([a-z]+)\}/g, (_, k: string) => {
    if (k === 'rendition') return slug(rendition);
    const v = (values as Record<string, unknown>)[k];
    return v === undefined || v === null ? '' : slug(String(v));
  });
  const clean = name.replace(/-{2,}/g, '-').replace(/^[-_.]+|[-_.]+$/g, '') || slug(rendition) || 'headshot';
  return `${clean}.${extension}`;
}
