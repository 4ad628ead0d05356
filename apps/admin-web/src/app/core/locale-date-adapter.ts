import { Injectable } from '@angular/core';
import { NativeDateAdapter } from '@angular/material/core';
import { parseNumericDate } from './numeric-date';

/**
 * Material's native adapter reads typed dates with `Date.parse`, which is US-only (21/12/2026 is
 * refused, 01/12/2027 becomes 12 January). This one reads them in the user's locale, like it shows them.
 */
@Injectable()
export class LocaleDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value === 'string') {
      if (!value.trim()) return null;
      return parseNumericDate(value, this.locale) ?? this.invalid();
    }
    return super.parse(value, parseFormat);
  }
}
