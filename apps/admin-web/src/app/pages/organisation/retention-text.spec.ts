import { describe, expect, it } from 'vitest';
import { retentionSummary, validDays, validExpiryHours } from './retention-text';

describe('retention text', () => {
  it('summarises the defaults and every rule', () => {
    expect(retentionSummary({ deleteOriginalsAfterApproval: true, deleteOriginalsAfterDays: null, deleteUnapprovedAfterDays: null, exportExpiryHours: 72 })).toBe(
      'Selfies deleted after approval · export downloads last 72 hours',
    );
    expect(retentionSummary({ deleteOriginalsAfterApproval: true, deleteOriginalsAfterDays: 30, deleteUnapprovedAfterDays: 1, exportExpiryHours: 1 })).toBe(
      'Selfies deleted after approval or after 30 days · never-approved work deleted after 1 day · export downloads last 1 hour',
    );
    expect(retentionSummary({ deleteOriginalsAfterApproval: false, deleteOriginalsAfterDays: null, deleteUnapprovedAfterDays: null, exportExpiryHours: 48 })).toBe(
      'Selfies kept · export downloads last 48 hours',
    );
  });

  it('takes the API’s bounds', () => {
    expect([null, '', 1, 3650].map((n) => validDays(n as number | null | ''))).toEqual([true, true, true, true]);
    expect([0, 3651, 1.5, -2].map((n) => validDays(n))).toEqual([false, false, false, false]);
    expect([1, 2160].map((n) => validExpiryHours(n))).toEqual([true, true]);
    expect([null, '', 0, 2161, 2.5].map((n) => validExpiryHours(n as number | null | ''))).toEqual([false, false, false, false, false]);
  });
});
