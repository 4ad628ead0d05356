import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HeadshotAdjustments } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import type { Headshot, HeadshotState } from './entities/headshot.entity';
import { type HeadshotMoveSet, HeadshotsRepository, type HeadshotScope } from './headshots.repository';

/**
 * Every move a headshot may make: from each state, the states it may go to. The lifecycle below is the
 * only code that changes a headshot's state (or the employee status that follows it), and every move is
 * a conditional UPDATE on the states this table allows, so a move that lost a race changes nothing.
 * Drawn in docs/architecture.md.
 */
export const HEADSHOT_MOVES: Readonly<Record<HeadshotState, readonly HeadshotState[]>> = {
  waiting: ['queued', 'superseded'],
  // queued → queued: paused while the org is suspended (the sentence says so), resumed when it is lifted.
  queued: ['queued', 'processing', 'failed', 'superseded'],
  // A worker that died mid-render leaves `processing`; the job that is picked up again starts over.
  processing: ['processing', 'queued', 'in_review', 'failed', 'superseded'],
  in_review: ['approved', 'rejected', 'superseded'],
  failed: ['queued', 'superseded'],
  rejected: ['superseded'],
  approved: ['superseded'],
  superseded: [],
};

/** A move the table does not allow: a programming error, never the result of a race. */
export class IllegalHeadshotMove extends Error {
  override readonly name = 'IllegalHeadshotMove';
}

/** Throws unless every state in `from` may move to `to`. */
export function assertMoves(from: readonly HeadshotState[], to: HeadshotState): void {
  const illegal = from.filter((s) => !HEADSHOT_MOVES[s].includes(to));
  if (illegal.length) throw new IllegalHeadshotMove(`a headshot cannot move from ${illegal.join(', ')} to ${to}`);
}

/** A new selfie replaces whatever earlier result was still on its way or waiting for HR (not an approved one, not a running render). */
const REPLACED_BY_NEW_SELFIE: HeadshotState[] = ['waiting', 'queued', 'in_review', 'failed', 'rejected'];
/** An approval replaces every other result of the person, the earlier approved one included. */
const REPLACED_BY_APPROVAL: HeadshotState[] = ['waiting', 'queued', 'processing', 'in_review', 'failed', 'rejected', 'approved'];

/** The headshot states and transitions, and the employee status that follows them. */
@Injectable()
export class HeadshotLifecycle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: HeadshotsRepository,
  ) {}

  /** A selfie arrived: earlier results are superseded and a new headshot waits (batch mode) or is queued (on arrival). */
  async arrive(m: EntityManager, a: { orgId: string; employeeId: string; uploadId: string; styleVersionId: string; queueNow: boolean }): Promise<Headshot> {
    await this.move(m, { orgId: a.orgId, employeeIds: [a.employeeId] }, REPLACED_BY_NEW_SELFIE, 'superseded');
    const headshot = await this.repo.insert(m, { orgId: a.orgId, employeeId: a.employeeId, uploadId: a.uploadId, styleVersionId: a.styleVersionId, state: a.queueNow ? ('queued' as const) : ('waiting' as const) });
    await this.repo.setEmployeeStatus(m, a.orgId, [a.employeeId], a.queueNow ? 'processing' : 'uploaded');
    return headshot;
  }

  /** Waiting headshots join a batch, re-pinned to its style (they have not started), and are queued. Returns those moved. */
  async queueForBatch(m: EntityManager, orgId: string, headshots: Headshot[], batch: { id: string; styleVersionId: string }): Promise<Headshot[]> {
    const moved = await this.move(m, { orgId, ids: headshots.map((h) => h.id) }, ['waiting'], 'queued', { batchId: batch.id, styleVersionId: batch.styleVersionId, failureReason: null });
    return headshots.filter((h) => moved.has(h.id)).map((h) => Object.assign(h, { state: 'queued', batchId: batch.id, styleVersionId: batch.styleVersionId }));
  }

  /** HR retries a failed headshot. False when it is no longer failed. */
  async retry(m: EntityManager, h: Headshot): Promise<boolean> {
    return (await this.move(m, { orgId: h.orgId, ids: [h.id] }, ['failed'], 'queued', { failureReason: null })).size === 1;
  }

  /**
   * New results of selfies already taken, queued at once: HR's regeneration (with adjustments) or a
   * style applied to existing headshots. Each gets the next version number of its selfie and style.
   */
  async addVersions(m: EntityManager, rows: { orgId: string; employeeId: string; uploadId: string; styleVersionId: string; batchId?: string; adjustments?: HeadshotAdjustments | null }[], opts: { employeesProcessing: boolean }): Promise<Headshot[]> {
    const created: Headshot[] = [];
    for (const r of rows) {
      const next = await this.repo.nextVariant(m, r.orgId, r.uploadId, r.styleVersionId);
      created.push(await this.repo.insert(m, { orgId: r.orgId, employeeId: r.employeeId, uploadId: r.uploadId, styleVersionId: r.styleVersionId, batchId: r.batchId ?? null, adjustments: r.adjustments ?? null, variant: next, state: 'queued' as const }));
    }
    if (opts.employeesProcessing) for (const r of rows) await this.repo.setEmployeeStatus(m, r.orgId, [r.employeeId], 'processing');
    return created;
  }

  /** A worker starts rendering. False when the headshot is no longer queued or processing (superseded, done). */
  async startProcessing(h: Headshot): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const moved = await this.move(m, { orgId: h.orgId, ids: [h.id] }, ['queued', 'processing'], 'processing');
      if (!moved.size) return false;
      await this.repo.setEmployeeStatus(m, h.orgId, [h.employeeId], 'processing', 'uploaded');
      return true;
    });
  }

  /** The org is suspended: the headshot waits, queued, with a sentence saying why. False when it had moved on. */
  async pause(h: Headshot, reason: string): Promise<boolean> {
    return (await this.move(this.db.manager, { orgId: h.orgId, ids: [h.id] }, ['queued', 'processing'], 'queued', { failureReason: reason })).size === 1;
  }

  /** The render is done: the headshot goes to review with its renditions. False when something else moved it first. */
  async finishProcessing(m: EntityManager, h: Headshot, result: Pick<Headshot, 'renditions' | 'report' | 'qualityScore'>): Promise<boolean> {
    const moved = await this.move(m, { orgId: h.orgId, ids: [h.id] }, ['processing'], 'in_review', { ...result, failureReason: null });
    if (!moved.size) return false;
    await this.repo.setEmployeeStatus(m, h.orgId, [h.employeeId], 'in_review');
    return true;
  }

  /** The render failed for good: parked with the sentence HR reads. False when it had moved on meanwhile. */
  async park(h: Headshot, reason: string): Promise<boolean> {
    return (await this.move(this.db.manager, { orgId: h.orgId, ids: [h.id] }, ['queued', 'processing'], 'failed', { failureReason: reason.slice(0, 1000) })).size === 1;
  }

  /** HR approves: the headshots move from review to approved, every other result of those people is superseded. Returns the ids approved. */
  async approve(m: EntityManager, orgId: string, headshots: Headshot[], reviewer: { userId: string; at: Date }): Promise<Set<string>> {
    const ids = headshots.map((h) => h.id);
    const approved = await this.move(m, { orgId, ids }, ['in_review'], 'approved', { reviewedBy: reviewer.userId, reviewedAt: reviewer.at, rejectionReason: null });
    const people = headshots.filter((h) => approved.has(h.id)).map((h) => h.employeeId);
    if (!people.length) return approved;
    await this.move(m, { orgId, employeeIds: people, exceptIds: [...approved] }, REPLACED_BY_APPROVAL, 'superseded');
    await this.repo.setEmployeeStatus(m, orgId, people, 'approved');
    return approved;
  }

  /** HR rejects a headshot in review. False when it was not in review any more. */
  async reject(m: EntityManager, h: Headshot, reviewer: { userId: string; at: Date }, reason: string): Promise<boolean> {
    const moved = await this.move(m, { orgId: h.orgId, ids: [h.id] }, ['in_review'], 'rejected', { rejectionReason: reason, reviewedBy: reviewer.userId, reviewedAt: reviewer.at });
    if (!moved.size) return false;
    await this.repo.setEmployeeStatus(m, h.orgId, [h.employeeId], 'rejected');
    return true;
  }

  /** The one conditional UPDATE every move goes through; returns the ids that moved. */
  private move(m: EntityManager, scope: HeadshotScope, from: readonly HeadshotState[], to: HeadshotState, set: HeadshotMoveSet = {}): Promise<Set<string>> {
    assertMoves(from, to);
    return this.repo.move(m, scope, from, to, set);
  }
}
