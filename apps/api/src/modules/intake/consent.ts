import type { Translator } from '@teamframe/shared-types';

/** Bump the version when the text changes (in any language): acceptances record which text was accepted. */
export const CONSENT_VERSION = '2026-11-v1';

/** How the photo is used, in the employee's language (message `consent.text`). */
export function consentText(t: Translator, orgName: string): string {
  return t.t('consent.text', { orgName });
}
