import { registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import localeEnGb from '@angular/common/locales/en-GB';
import localeEs from '@angular/common/locales/es';
import localeFr from '@angular/common/locales/fr';
import localeNl from '@angular/common/locales/nl';
import { LOCALE_STORAGE_KEY, pickLocale } from './locale-match';

let registered = false;

/** The locale for dates and numbers ({@link pickLocale}), with the locale data Angular's pipes need registered. */
export function userLocale(storage: Pick<Storage, 'getItem'> | null = safeStorage(), languages: readonly string[] = navigatorLanguages()): string {
  if (!registered) {
    for (const data of [localeEnGb, localeDe, localeFr, localeEs, localeNl]) registerLocaleData(data);
    registered = true;
  }
  return pickLocale(storage?.getItem(LOCALE_STORAGE_KEY) ?? null, languages);
}

function navigatorLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
