import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { NotificationsRepository } from './notifications.repository';
import { addDays } from './utc-day';

export interface BatchSummary {
  batchId: string;
  orgId: string;
  total: number;
  /** Headshots of this batch still waiting, queued or processing; the batch is done at 0. */
  unfinished: number;
  inReview: number;
  failed: number;
  /** The distinct failure sentences with how many headshots each, most frequent first. */
  failureReasons: { reason: string; count: number }[];
}

export interface CampaignDueFacts {
  id: string;
  orgId: string;
  name: string;
  state: string;
  dueOn: string | null;
  /** Members invited to it who have not sent a selfie since. */
  missing: number;
}

export interface DigestFacts {
  /** Selfies received in the 24 hours before the digest's moment. */
  newUploads: number;
  /** People with a headshot in review now. */
  waitingForReview: number;
  /** People with a headshot that failed and was not retried. */
  failed: number;
  /** Active campaigns due from today to three days on, soonest first. */
  campaignsDueSoon: { name: string; dueOn: string; missing: number }[];
  /** People who did not answer after every reminder: the employees page's list and the active campaigns' "needs attention", each person once. */
  needsAttention: number;
}

/** A digest with nothing to say is not sent. */
export function digestIsEmpty(f: DigestFacts): boolean {
  return f.newUploads === 0 && f.waitingForReview === 0 && f.failed === 0 && f.campaignsDueSoon.length === 0 && f.needsAttention === 0;
}

/** The numbers HR mails report, each read for one org only. */
@Injectable()
export class NotificationFacts {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly campaigns: CampaignsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async batch(batchId: string): Promise<BatchSummary | undefined> {
    const b = await this.repo.batch(batchId);
    if (!b) return undefined;
    const counts = await this.repo.batchCounts(b.org_id, b.id);
    const reasons = await this.repo.batchFailureReasons(b.org_id, b.id);
    return { batchId: b.id, orgId: b.org_id, total: b.total, unfinished: counts.unfinished, inReview: counts.in_review, failed: counts.failed, failureReasons: reasons };
  }

  /** People (not versions: a regenerated headshot keeps its earlier version in review) waiting for a decision. */
  waitingForReview(orgId: string): Promise<number> {
    return this.repo.waitingForReview(orgId);
  }

  async digest(orgId: string, at: Date): Promise<DigestFacts> {
    const counts = await this.repo.dayCounts(orgId, at);
    const campaigns = await this.campaigns.active(orgId);
    const [today, inThreeDays] = [addDays(at, 0), addDays(at, 3)];
    const dueSoon: DigestFacts['campaignsDueSoon'] = [];
    for (const c of campaigns.filter((k) => k.due_on && k.due_on >= today && k.due_on <= inThreeDays)) {
      dueSoon.push({ name: c.name, dueOn: c.due_on!, missing: (await this.campaigns.counts(c.id, orgId, at)).missing });
    }
    return {
      newUploads: counts.new_uploads,
      waitingForReview: await this.waitingForReview(orgId),
      failed: counts.failed,
      campaignsDueSoon: dueSoon,
      needsAttention: await this.needsAttention(orgId, campaigns.map((c) => c.id), at),
    };
  }

  /** Distinct people to follow up by hand, read at `at` rather than now() so a test (or a replayed day) sees that day. */
  private async needsAttention(orgId: string, campaignIds: string[], at: Date): Promise<number> {
    // The same rule as InvitesService.needsAttention (the employees page).
    const people = new Set(await this.repo.unansweredInvites(orgId, this.config.INVITE_REMINDER_DAYS.length, at));
    for (const id of campaignIds) {
      for (const employeeId of await this.campaigns.needingAttention(id, orgId, at)) people.add(employeeId);
    }
    return people.size;
  }

  /** Active campaigns due on the given day, across orgs: the maintenance job mails each org's HR about its own. */
  campaignsDueOn(day: string): Promise<{ id: string; orgId: string }[]> {
    return this.campaigns.activeDueOn(day);
  }

  /** A campaign with its "missing" count from the campaign page's own counts, so a mail says what HR sees there. */
  async campaign(campaignId: string, at = new Date()): Promise<CampaignDueFacts | undefined> {
    const c = await this.campaigns.findAnyOrg(campaignId);
    if (!c) return undefined;
    return { id: c.id, orgId: c.org_id, name: c.name, state: c.state, dueOn: c.due_on, missing: (await this.campaigns.counts(c.id, c.org_id, at)).missing };
  }
}
