import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  actorFallback,
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTION_LABELS,
  dateRangeParams,
  detailChips,
  parseDateInput,
  shortId,
  subjectLabel,
  toLocalIso,
} from './audit-format';

describe('audit-format', () => {
  it('labels known actions and falls back to the code', () => {
    expect(actionLabel('auth.login_failed')).toBe('Sign-in failed');
    expect(actionLabel('export.downloaded')).toBe('Export downloaded');
    expect(actionLabel('something.new')).toBe('something.new');
  });

  it('has groups the API accepts, and every labelled action but a few falls in one', () => {
    for (const g of AUDIT_ACTION_GROUPS) expect(g.prefix).toMatch(/^[a-z_.]*$/);
    expect(AUDIT_ACTION_GROUPS[0].prefix).toBe('');
    const prefixes = AUDIT_ACTION_GROUPS.map((g) => g.prefix).filter(Boolean);
    const ungrouped = Object.keys(AUDIT_ACTION_LABELS).filter((a) => !prefixes.some((p) => a.startsWith(p)));
    expect(ungrouped.sort()).toEqual(['bootstrap.owner_created', 'org.settings_updated', 'user.provisioned_sso', 'user.sso_linked']);
    expect('employee.erased'.startsWith(AUDIT_ACTION_GROUPS.find((g) => g.label === 'Employees')!.prefix)).toBe(true);
  });

  it('names who acted when there is no member', () => {
    expect(actorFallback('upload.accepted')).toBe('Employee link');
    expect(actorFallback('auth.login_failed')).toBe('Not signed in');
    expect(actorFallback('export.completed')).toBe('System');
    expect(actorFallback('something.new')).toBe('System / employee link');
  });

  it('shortens subjects', () => {
    expect(subjectLabel('user')).toBe('Member');
    expect(subjectLabel('style_version')).toBe('Style version');
    expect(subjectLabel(null)).toBe('');
    expect(shortId('0b9c6f1e-1234-4abc-8def-0123456789ab')).toBe('0b9c6f1e');
    expect(shortId('short')).toBe('short');
  });

  it('writes local times with their offset', () => {
    const d = new Date(2026, 2, 4, 0, 0, 0, 0);
    const iso = toLocalIso(d);
    expect(iso).toMatch(/^2026-03-04T00:00:00\.000[+-]\d{2}:\d{2}$/);
    expect(new Date(iso).getTime()).toBe(d.getTime());
  });

  it('turns a day range into from 00:00 and the next day 00:00', () => {
    expect(parseDateInput('2026-02-30')).toBeNull();
    expect(dateRangeParams('', '')).toEqual({});
    const r = dateRangeParams('2026-03-04', '2026-03-31');
    expect('error' in r).toBe(false);
    if ('error' in r) return;
    expect(new Date(r.from!).getTime()).toBe(new Date(2026, 2, 4).getTime());
    expect(new Date(r.to!).getTime()).toBe(new Date(2026, 3, 1).getTime());
    expect(dateRangeParams('', '2026-12-31')).toEqual({ to: toLocalIso(new Date(2027, 0, 1)) });
    expect(dateRangeParams('2026-03-05', '2026-03-04')).toEqual({ error: 'The end date is before the start date.' });
  });

  it('renders details as short pairs, never JSON', () => {
    const id = '0b9c6f1e-1234-4abc-8def-0123456789ab';
    const chips = detailChips({
      method: 'password',
      ip: '127.0.0.1',
      employeeId: id,
      employeeIds: [id, id],
      bytes: 2048,
      bulk: false,
      renditions: ['web', 'linkedin'],
      adjustments: { brightness: 0.1, crop: { x: 1 } },
      reason: 'x'.repeat(100),
    });
    expect(chips.map((c) => `${c.key}: ${c.value}`)).toEqual([
      'method: password',
      'IP: 127.0.0.1',
      'employee: 0b9c6f1e',
      'employees: 2 items',
      'bytes: 2 KB',
      'bulk: no',
      'renditions: web, linkedin',
      'adjustments: brightness 0.1, crop …',
      `reason: ${'x'.repeat(47)}…`,
    ]);
    expect(chips[2].full).toBe(id);
    expect(chips[8].full).toHaveLength(100);
    expect(detailChips({})).toEqual([]);
    expect(detailChips(null)).toEqual([]);
  });
});
