import { type LanguageOptionDto, languageName, supportedLanguages, textDirection } from '@teamframe/shared-types';

/** The languages the employee side speaks (built in and the company's own), each named in itself. */
export function languageOptions(): LanguageOptionDto[] {
  return supportedLanguages().map((tag) => ({ tag, name: languageName(tag), dir: textDirection(tag) }));
}
