import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from './domain-error';

/** Validates a request part against a shared-types schema; 400 with one entry per bad field. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const details = result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    throw new DomainError('VALIDATION_FAILED', `Check ${details.map((d) => d.path).join(', ')}: ${details[0].message}`, details);
  }
}
