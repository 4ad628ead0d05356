import type { PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error';

/** The largest value a PostgreSQL `integer` column holds; a larger id would fail in the database (500). */
export const PG_INT_MAX = 2_147_483_647;

/**
 * The one pipe for numeric path parameters: a whole number in [min, max], written in plain digits;
 * anything else (2147483648, -1, 1e3, 0x10, 1.5) is a 400 naming the parameter, before any query runs.
 * Numeric query parameters are bounded the same way by their shared zod schemas (page, pageSize).
 */
export class IntParamPipe implements PipeTransform<string, number> {
  constructor(
    private readonly name: string,
    private readonly min = 1,
    private readonly max = PG_INT_MAX,
  ) {}

  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < this.min || n > this.max) {
      const message = `must be a whole number from ${this.min} to ${this.max}`;
      throw new DomainError('VALIDATION_FAILED', `Check ${this.name}: ${message}.`, [{ path: this.name, message }]);
    }
    return n;
  }
}
