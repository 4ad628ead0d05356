import { describe, expect, it } from 'vitest';
import { NOTIFICATION_SWITCHES, savedMessage } from './notification-switches';

describe('notification switches', () => {
  it('lists every switch of the API once, each with a sentence', () => {
    expect(NOTIFICATION_SWITCHES.map((s) => s.key).sort()).toEqual(['batchFinished', 'campaignDue', 'dailyDigest', 'reviewWaiting']);
    for (const s of NOTIFICATION_SWITCHES) expect(s.description).toMatch(/\.$/);
  });

  it('says what was saved', () => {
    expect(savedMessage(NOTIFICATION_SWITCHES[0], false)).toBe('Daily summary emails turned off.');
    expect(savedMessage(NOTIFICATION_SWITCHES[3], true)).toBe('Campaign due tomorrow emails turned on.');
  });
});
