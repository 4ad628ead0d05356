import { z } from 'zod';

/** The JSON Schema of a shared-types zod schema, for @ApiBody, so the docs come from the one schema. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}
