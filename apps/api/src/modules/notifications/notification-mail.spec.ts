import { describe, expect, it } from 'vitest';
import { digestIsEmpty, type DigestFacts } from './notification-facts.service';
import { composeBatchFinishedMail, composeCampaignDueMail, composeDigestMail, composeReviewWaitingMail } from './notification-mail';
import { addDays, utcDay } from './utc-day';

const ctx = { to: 'hr@x.test', name: 'Ann <admin>', orgName: 'A&B "Co"', publicUrl: 'https://tf.x.test' };
const quiet: DigestFacts = { newUploads: 0, waitingForReview: 0, failed: 0, campaignsDueSoon: [], needsAttention: 0 };

describe('HR notification mails', () => {
  it('escapes names in HTML, keeps them as written in text, and links to the page and the settings', () => {
    const m = composeReviewWaitingMail({ ...ctx, waiting: 1 });
    expect(m.subject).toBe('A&B "Co": 1 headshot waiting for your review');
    expect(m.text).toContain('Hello Ann <admin>,');
    expect(m.text).toContain('One person is waiting');
    expect(m.text).toContain('Review the headshots: https://tf.x.test/review');
    expect(m.text).toContain('https://tf.x.test/settings/notifications');
    expect(m.html).toContain('A&amp;B &quot;Co&quot;');
    expect(m.html).toContain('Ann &lt;admin&gt;');
    expect(m.html).not.toMatch(/<admin>|"Co"/);
  });

  it('sends a batch with nothing to review to the batches page, with the failure reasons', () => {
    const m = composeBatchFinishedMail({
      ...ctx,
      batch: { batchId: 'b', orgId: 'o', total: 3, unfinished: 0, inReview: 0, failed: 3, failureReasons: [{ reason: 'No face <found>.', count: 2 }, { reason: 'Too dark.', count: 1 }] },
    });
    expect(m.subject).toBe('A&B "Co": batch finished, 0 ready for review, 3 failed');
    expect(m.text).toContain('- 2 × No face <found>.');
    expect(m.text).toContain('See the batch: https://tf.x.test/batches');
    expect(m.html).toContain('No face &lt;found&gt;.');
  });

  it('lists only what happened in the digest, and calls a day with nothing empty', () => {
    expect(digestIsEmpty(quiet)).toBe(true);
    expect(digestIsEmpty({ ...quiet, needsAttention: 1 })).toBe(false);
    const m = composeDigestMail({ ...ctx, day: '2026-03-02', facts: { ...quiet, failed: 1, campaignsDueSoon: [{ name: 'Spring', dueOn: '2026-03-04', missing: 1 }] } });
    expect(m.subject).toMatch(/summary for Monday,? 2 March 2026$/);
    expect(m.text).not.toMatch(/selfies? in the last|waiting for review/);
    expect(m.text).toContain('- 1 headshot failed and waiting for a retry');
    expect(m.text).toMatch(/- Campaign “Spring” is due Wednesday,? 4 March 2026: 1 person still missing/);
    expect(m.text).toContain('See the batches: https://tf.x.test/batches');
  });

  it('names the campaign, its day and who is missing', () => {
    const m = composeCampaignDueMail({ ...ctx, campaign: { id: 'c1', orgId: 'o', name: 'Q2', state: 'active', dueOn: '2026-06-30', missing: 1 } });
    expect(m.text).toMatch(/due tomorrow, Tuesday,? 30 June 2026/);
    expect(m.text).toContain('- 1 person has not sent a selfie yet');
    expect(m.text).toContain('https://tf.x.test/campaigns/c1');
  });

  it('counts days in UTC', () => {
    expect(utcDay(new Date('2026-12-31T23:30:00-02:00'))).toBe('2027-01-01');
    expect(addDays(new Date('2026-02-28T12:00:00Z'), 1)).toBe('2026-03-01');
  });
});
