/** Bump the version when the text changes: acceptances record which text was accepted. */
export const CONSENT_VERSION = '2026-11-v1';

export function consentText(orgName: string): string {
  return (
    `${orgName} uses Teamframe to turn your selfie into a company headshot. Your photo is processed on ${orgName}'s own servers, ` +
    `is never used to train any model and is not shared with anyone outside ${orgName}. HR reviews the result before it is used ` +
    `on the company website, in internal tools and on profiles such as LinkedIn. The original selfie is deleted once your headshot is ` +
    `approved (or after the retention period ${orgName} has set), and you can ask HR at any time to erase your photos.`
  );
}
