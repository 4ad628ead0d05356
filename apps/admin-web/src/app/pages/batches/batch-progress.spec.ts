import { describe, expect, it } from 'vitest';
import { countChips, etaText, finishedCount, finishedPercent, upsertBatch } from './batch-progress';
import type { BatchProgressDto } from '@teamframe/shared-types';

const batch = (over: Partial<BatchProgressDto> = {}): BatchProgressDto => ({
  id: 'b1',
  styleVersionId: 's1',
  total: 10,
  counts: { queued: 4, processing: 1, in_review: 3, failed: 1, approved: 1 },
  done: false,
  etaSeconds: 120,
  createdAt: '2025-01-01T00:00:00Z',
  failures: [],
  ...over,
});

describe('batch progress', () => {
  it('counts in review, failed, approved and rejected as finished', () => {
    expect(finishedCount(batch())).toBe(5);
    expect(finishedPercent(batch())).toBe(50);
    expect(finishedPercent(batch({ total: 3, counts: { in_review: 2, queued: 1 } }))).toBe(66);
  });

  it('reads the time left like a person would say it', () => {
    expect(etaText(null, false)).toBe('Estimating the time left…');
    expect(etaText(20, false)).toBe('less than a minute left');
    expect(etaText(170, false)).toBe('about 3 min left');
    expect(etaText(3 * 3600 + 600, false)).toBe('about 3 h 10 min left');
    expect(etaText(50, true)).toBe('Finished');
  });

  it('shows chips only for states that have headshots, in workflow order', () => {
    expect(countChips(batch()).map((c) => `${c.label} ${c.count}`)).toEqual(['Queued 4', 'Processing 1', 'In review 3', 'Approved 1', 'Failed 1']);
  });

  it('replaces a batch in place and puts a new one first', () => {
    const list = [batch({ id: 'a' }), batch({ id: 'b' })];
    expect(upsertBatch(list, batch({ id: 'b', done: true })).map((b) => [b.id, b.done])).toEqual([['a', false], ['b', true]]);
    expect(upsertBatch(list, batch({ id: 'c' }))[0].id).toBe('c');
  });
});
