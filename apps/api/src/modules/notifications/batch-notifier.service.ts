import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { type BatchFinishedMailPayload, MAIL_JOB, QUEUE, type ReviewWaitingMailPayload } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { NotificationFacts } from './notification-facts.service';
import { NotificationPreferencesService } from './notification-preferences.service';

/** Selfies processed on arrival arrive one by one: their review-waiting mail waits for the end of this window and covers them all. */
export const ON_ARRIVAL_WINDOW_MS = 15 * 60_000;

/**
 * Turns "a headshot finished processing" into HR mails. Called by the headshot worker after the
 * state change commits. Job ids are fixed per batch (or window) and user, so the two workers that
 * finish a batch's last two headshots at once, or a retry that finishes it again, queue one mail.
 */
@Injectable()
export class BatchNotifier {
  private readonly logger = new Logger(BatchNotifier.name);

  constructor(
    private readonly facts: NotificationFacts,
    private readonly prefs: NotificationPreferencesService,
    @InjectQueue(QUEUE.mail) private readonly mail: Queue<BatchFinishedMailPayload | ReviewWaitingMailPayload>,
  ) {}

  /** Never throws: a lost notification must not fail (and so retry) the headshot job itself. */
  async headshotFinished(h: { orgId: string; batchId: string | null; variant: number; state: 'in_review' | 'failed' }, now = new Date()): Promise<void> {
    try {
      if (h.batchId) await this.batchProgressed(h.batchId);
      // HR's own regenerations (variant > 0) happen while they are looking: no mail for those.
      else if (h.state === 'in_review' && h.variant === 0) await this.arrivedForReview(h.orgId, now);
    } catch (err) {
      this.logger.warn({ err, batchId: h.batchId }, 'could not queue HR notifications');
    }
  }

  private async batchProgressed(batchId: string): Promise<void> {
    const b = await this.facts.batch(batchId);
    if (!b || b.unfinished > 0) return;
    const people = await this.prefs.recipients(b.orgId, ['batchFinished', 'reviewWaiting']);
    type MailJob = { name: string; data: BatchFinishedMailPayload | ReviewWaitingMailPayload; opts: { jobId: string } };
    const jobs = people.flatMap((p): MailJob[] => {
      // The batch mail already says how many wait for review: one mail per person, not two.
      if (p.settings.batchFinished) return [{ name: MAIL_JOB.batchFinished, data: { batchId, userId: p.userId }, opts: { jobId: `batch-finished-${batchId}-${p.userId}` } }];
      if (b.inReview > 0) return [{ name: MAIL_JOB.reviewWaiting, data: { orgId: b.orgId, userId: p.userId, batchId }, opts: { jobId: `review-waiting-batch-${batchId}-${p.userId}` } }];
      return [];
    });
    if (jobs.length) await this.mail.addBulk(jobs);
  }

  private async arrivedForReview(orgId: string, now: Date): Promise<void> {
    const people = await this.prefs.recipients(orgId, ['reviewWaiting']);
    const windowEnd = (Math.floor(now.getTime() / ON_ARRIVAL_WINDOW_MS) + 1) * ON_ARRIVAL_WINDOW_MS;
    await this.mail.addBulk(
      people.map((p) => ({
        name: MAIL_JOB.reviewWaiting,
        data: { orgId, userId: p.userId },
        opts: { jobId: `review-waiting-${orgId}-${p.userId}-${windowEnd}`, delay: windowEnd - now.getTime() },
      })),
    );
  }
}
