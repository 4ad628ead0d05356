/** Where a person's own choice of date format is kept (the account menu sets it; else the browser's). */
export const LOCALE_STORAGE_KEY = 'teamframe.locale';

/** The locales the portal formats dates and numbers for; others fall back to their language, then en-US. */
export const SUPPORTED_LOCALES: readonly { id: string; label: string; example: string }[] = [
  { id: 'en-GB', label: 'English (UK)', example: '21/12/2026' },
  { id: 'en-US', label: 'English (US)', example: '12/21/2026' },
  { id: 'de', label: 'Deutsch', example: '21.12.2026' },
  { id: 'fr', label: 'Français', example: '21/12/2026' },
  { id: 'es', label: 'Español', example: '21/12/2026' },
  { id: 'nl', label: 'Nederlands', example: '21-12-2026' },
];

/**
 * The first supported locale among the person's stored choice and the browser's languages
 * (de-AT → de, en-IE → en-US unless it is en-GB); en-US when none is.
 */
export function pickLocale(stored: string | null, languages: readonly string[]): string {
  for (const wanted of [stored, ...languages]) {
    const match = wanted ? matchLocale(wanted) : null;
    if (match) return match;
  }
  return 'en-US';
}

export function matchLocale(tag: string): string | null {
  const ids = SUPPORTED_LOCALES.map((l) => l.id);
  const exact = ids.find((id) => id.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const base = tag.split('-')[0].toLowerCase();
  if (base === 'en') return 'en-US';
  return ids.find((id) => id === base) ?? null;
}
