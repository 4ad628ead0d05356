import { Injectable } from '@nestjs/common';
import type { ActivityDto } from '@teamframe/shared-types';
import { ActivityRepository } from './activity.repository';

/** The org's to-do numbers for the dashboard and its live channel. */
@Injectable()
export class ActivityService {
  constructor(private readonly repo: ActivityRepository) {}

  async snapshot(orgId: string): Promise<ActivityDto> {
    const people = await this.repo.people(orgId);
    const shots = await this.repo.headshots(orgId);
    const changed = [people.changed_at, shots.changed_at].filter(Boolean).map((d) => new Date(d!).getTime());
    return {
      employees: people.employees,
      inReview: people.in_review,
      missingSelfies: people.missing,
      askedToRetake: people.retake,
      waitingForBatch: shots.waiting,
      ...(await this.repo.keptSelfies(orgId)),
      processing: shots.processing,
      failed: shots.failed,
      approved: people.approved,
      changedAt: changed.length ? new Date(Math.max(...changed)).toISOString() : null,
    };
  }
}
