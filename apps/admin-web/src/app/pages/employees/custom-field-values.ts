import { customFieldValue } from '@teamframe/shared-types';

/**
 * The custom field values an edit changed, for a PATCH: a new or different value as typed (the API
 * trims), '' for one cleared. Undefined when nothing changed, so the patch leaves `customFields` out.
 */
export function changedCustomFields(before: Record<string, string>, after: Record<string, string>): Record<string, string> | undefined {
  const changes: Record<string, string> = {};
  for (const [key, value] of Object.entries(after)) {
    const next = value.trim();
    if (next !== customFieldValue(before, key)) changes[key] = next;
  }
  return Object.keys(changes).length ? changes : undefined;
}

/** The values to send when adding someone: only the fields filled in. */
export function filledCustomFields(values: Record<string, string>): Record<string, string> | undefined {
  const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
  return Object.keys(filled).length ? filled : undefined;
}
