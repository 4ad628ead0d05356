import { z } from 'zod';

/** At most this many custom fields per org: each one is a column in every CSV and manifest. */
export const MAX_CUSTOM_FIELDS = 20;
export const CUSTOM_FIELD_LABEL_MAX = 60;
export const CUSTOM_FIELD_VALUE_MAX = 200;
/** A field's key: the JSON property in `customFields`, the column name in manifest.csv. Never changes. */
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export const CustomFieldKeySchema = z.string().regex(CUSTOM_FIELD_KEY_PATTERN, 'must start with a letter and use only a-z, 0-9 and _ (at most 40 characters)');

export const CustomFieldLabelSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(CUSTOM_FIELD_LABEL_MAX, `must be at most ${CUSTOM_FIELD_LABEL_MAX} characters`)
  .refine((v) => !CONTROL.test(v), 'must not contain control characters or line breaks');

/** One value on one employee. An empty string clears the field. */
export const CustomFieldValueSchema = z
  .string()
  .trim()
  .max(CUSTOM_FIELD_VALUE_MAX, `must be at most ${CUSTOM_FIELD_VALUE_MAX} characters`)
  .refine((v) => !CONTROL.test(v), 'must not contain control characters or line breaks');

/**
 * Values by field key. The shape is checked here; whether each key is one of the org's fields is
 * checked by the API (unknown keys are a 400 naming the key).
 */
export const CustomFieldValuesSchema = z.record(CustomFieldKeySchema, CustomFieldValueSchema).refine((v) => Object.keys(v).length <= MAX_CUSTOM_FIELDS, `must have at most ${MAX_CUSTOM_FIELDS} fields`);
export type CustomFieldValues = Record<string, string>;

/** `POST /api/custom-fields`. The key is derived from the label when left out. */
export const CreateCustomFieldSchema = z.strictObject({
  label: CustomFieldLabelSchema,
  key: CustomFieldKeySchema.optional(),
  showOnTeamPage: z.boolean().default(false),
});
export type CreateCustomFieldRequest = z.infer<typeof CreateCustomFieldSchema>;

/** `PATCH /api/custom-fields/:id`. Renaming keeps the key and every value; `position` moves the field (0 = first). */
export const UpdateCustomFieldSchema = z
  .strictObject({
    label: CustomFieldLabelSchema.optional(),
    showOnTeamPage: z.boolean().optional(),
    position: z
      .number()
      .int()
      .min(0)
      .max(MAX_CUSTOM_FIELDS - 1)
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'must change something');
export type UpdateCustomFieldRequest = z.infer<typeof UpdateCustomFieldSchema>;

export interface CustomFieldDto {
  id: string;
  key: string;
  label: string;
  /** 0-based place in forms, CSV columns and manifests. */
  position: number;
  /** Shown under the person's name and title on the exported team page. */
  showOnTeamPage: boolean;
  createdAt: string;
}

/** What manifest.json says about each field, so consumers can label the `customFields` values. */
export interface ExportCustomFieldDto {
  key: string;
  label: string;
}

/**
 * The key a label gets when none is given: accents folded, lower case, anything else `_`, leading
 * digits dropped, at most 40 characters. '' when nothing usable is left (the caller then asks for a key).
 */
export function customFieldKeyFromLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
}

/**
 * Keys that name properties every JavaScript object inherits (`constructor`, `__proto__`, …). A field
 * keyed like one would read the inherited function where it has no value, or replace an object's
 * prototype, so they are refused as keys.
 */
export const RESERVED_CUSTOM_FIELD_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype'].map((k) => k.toLowerCase()));

/** One field's value, '' when the person has none; never a property inherited from Object.prototype. */
export function customFieldValue(values: Readonly<Record<string, string>> | null | undefined, key: string): string {
  return values && Object.hasOwn(values, key) ? values[key] : '';
}

/** What each person in an export's manifest.json carries besides ExportManifestEntry: every field's value ('' when none). */
export interface ExportManifestCustomFields {
  customFields: Record<string, string>;
}
