import { languageFromAcceptLanguage, pickLanguage } from '@teamframe/shared-types';

/**
 * The language the employee side uses for one person: their own field, then (on the upload page only,
 * where a browser asks) the browser's Accept-Language, then the org's default, then English.
 */
export function employeeLanguage(employee: { language: string | null }, org: { defaultLanguage: string }, acceptLanguage?: string | null): string {
  return pickLanguage(employee.language, languageFromAcceptLanguage(acceptLanguage), org.defaultLanguage);
}
