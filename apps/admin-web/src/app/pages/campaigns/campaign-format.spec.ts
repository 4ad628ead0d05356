import { describe, expect, it } from 'vitest';
import { approvedPercent, audienceText, daysBetween, dueText, filterToState, formatDay, refreshText, toCalendarDay, utcToday } from './campaign-format';

describe('campaign wording', () => {
  const active = (dueOn: string | null) => ({ dueOn, state: 'active' as const });

  it('counts down to the due day in whole calendar days', () => {
    expect(dueText(active('2026-03-13'), '2026-03-10')).toEqual({ text: 'Due in 3 days', tone: 'soon' });
    expect(dueText(active('2026-03-20'), '2026-03-10')).toEqual({ text: 'Due in 10 days', tone: 'ok' });
    expect(dueText(active('2026-03-11'), '2026-03-10')).toEqual({ text: 'Due tomorrow', tone: 'soon' });
    expect(dueText(active('2026-03-10'), '2026-03-10')).toEqual({ text: 'Due today', tone: 'soon' });
  });

  it('says how long a campaign is overdue, in the singular too', () => {
    expect(dueText(active('2026-03-09'), '2026-03-10')).toEqual({ text: 'Overdue by 1 day', tone: 'overdue' });
    expect(dueText(active('2026-02-28'), '2026-03-10')).toEqual({ text: 'Overdue by 10 days', tone: 'overdue' });
  });

  it('gives ended and undated campaigns no countdown', () => {
    expect(dueText({ dueOn: '2020-01-01', state: 'ended' }, '2026-03-10').tone).toBe('ended');
    expect(dueText(active(null), '2026-03-10')).toEqual({ text: 'No due date', tone: 'none' });
  });

  it('counts days across month ends and a daylight-saving change without drift', () => {
    expect(daysBetween('2026-03-28', '2026-04-02')).toBe(5);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
  });

  it('takes today in UTC, where the due day ends', () => {
    expect(utcToday(new Date('2026-03-10T23:30:00-05:00'))).toBe('2026-03-11');
  });

  it('reads the picked local day, not its UTC instant', () => {
    expect(toCalendarDay(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(toCalendarDay(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });

  it('measures progress as approved of invited', () => {
    expect(approvedPercent({ approved: 1, invited: 3 })).toBe(33);
    expect(approvedPercent({ approved: 2, invited: 2 })).toBe(100);
    expect(approvedPercent({ approved: 0, invited: 0 })).toBe(0);
  });

  it('describes audiences and the refresh cycle in words', () => {
    expect(audienceText({ kind: 'everyone' })).toBe('Everyone');
    expect(audienceText({ kind: 'department', department: 'Sales' })).toBe('Department: Sales');
    expect(audienceText({ kind: 'list', emails: ['a@b.co'] })).toBe('A list of 1 address');
    expect(audienceText({ kind: 'new_since', since: '2026-03-05' })).toBe('Added since 5 Mar 2026');
    expect(audienceText({ kind: 'refresh', olderThanMonths: 24 })).toBe('Headshots older than 24 months');
    expect(formatDay('2026-12-31')).toBe('31 Dec 2026');
    expect(refreshText(null)).toBe('Off');
    expect(refreshText(24)).toBe('Every 2 years');
    expect(refreshText(18)).toBe('Every 18 months');
    expect(refreshText(1)).toBe('Every 1 month');
  });

  it('maps filter chips to the API state filter', () => {
    expect(filterToState('all')).toBeUndefined();
    expect(filterToState('missing')).toBe('invited');
    expect(filterToState('needs_attention')).toBe('needs_attention');
  });
});
