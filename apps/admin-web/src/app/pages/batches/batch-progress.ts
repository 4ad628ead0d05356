import type { BatchProgressDto, HeadshotStateName } from '@teamframe/shared-types';

/** The states a batch's headshots are counted in, in the order they happen. */
export const COUNT_STATES = ['waiting', 'queued', 'processing', 'in_review', 'approved', 'rejected', 'failed'] as const satisfies readonly HeadshotStateName[];
export type CountState = (typeof COUNT_STATES)[number];

export const COUNT_LABELS: Record<CountState, string> = {
  waiting: 'Waiting',
  queued: 'Queued',
  processing: 'Processing',
  in_review: 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
  failed: 'Failed',
};

/** Headshots the workers are finished with, whatever the outcome. */
export function finishedCount(b: Pick<BatchProgressDto, 'counts'>): number {
  const c = b.counts;
  return (c.in_review ?? 0) + (c.failed ?? 0) + (c.approved ?? 0) + (c.rejected ?? 0);
}

/** 0–100, rounded down so a batch reads 100% only when everything is finished. */
export function finishedPercent(b: Pick<BatchProgressDto, 'counts' | 'total'>): number {
  if (b.total <= 0) return 100;
  return Math.min(100, Math.floor((finishedCount(b) / b.total) * 100));
}

/** "about 3 min left"; null seconds means the first headshot is not finished yet. */
export function etaText(seconds: number | null, done: boolean): string {
  if (done) return 'Finished';
  if (seconds === null || !Number.isFinite(seconds)) return 'Estimating the time left…';
  if (seconds < 45) return 'less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${Math.max(1, minutes)} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `about ${h} h ${m} min left` : `about ${h} h left`;
}

/** The counts worth a chip: the states that have any headshots in them, in workflow order. */
export function countChips(b: Pick<BatchProgressDto, 'counts'>): { state: CountState; label: string; count: number }[] {
  return COUNT_STATES.filter((s) => (b.counts[s] ?? 0) > 0).map((s) => ({ state: s, label: COUNT_LABELS[s], count: b.counts[s] ?? 0 }));
}

/** Replaces the batch with the same id, keeping the list order; adds it at the top when new. */
export function upsertBatch(list: readonly BatchProgressDto[], b: BatchProgressDto): BatchProgressDto[] {
  const i = list.findIndex((x) => x.id === b.id);
  if (i === -1) return [b, ...list];
  const copy = [...list];
  copy[i] = b;
  return copy;
}
