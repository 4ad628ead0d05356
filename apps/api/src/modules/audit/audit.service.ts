import { Injectable } from '@nestjs/common';
import type { AuditEventDto, AuditQuery, Page } from '@teamframe/shared-types';
import type { EntityManager } from 'typeorm';
import { AuditRepository } from './audit.repository';

export interface AuditEntry {
  orgId: string;
  actorUserId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

/** Runs with every recorded event, on the same transaction (see AuditService.observe). */
export type AuditObserver = (entry: AuditEntry, manager: EntityManager) => Promise<void>;

@Injectable()
export class AuditService {
  private readonly observers: AuditObserver[] = [];

  constructor(private readonly repo: AuditRepository) {}

  /** One page of the org's events, newest first, filtered by action prefix and time. */
  async list(orgId: string, q: AuditQuery): Promise<Page<AuditEventDto>> {
    const { rows, total } = await this.repo.page(orgId, q);
    return {
      items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), action: r.action, actor: r.actor_id ? { id: r.actor_id, email: r.actor_email! } : null, subjectType: r.subject_type, subjectId: r.subject_id, subjectName: r.subject_name, details: r.details })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Records an event; pass the transaction's manager to commit it together with the change it describes. */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const m = manager ?? this.repo.manager;
    await this.repo.insert(m, {
      orgId: entry.orgId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      details: entry.details ?? {},
    });
    for (const observe of this.observers) await observe(entry, m);
  }

  /** Lets a feature act on events inside the transaction that records them (the webhooks outbox). */
  observe(observer: AuditObserver): void {
    this.observers.push(observer);
  }
}
