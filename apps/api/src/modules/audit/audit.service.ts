import { Injectable } from '@nestjs/common';
import type { AuditEventDto, AuditQuery, Page } from '@teamframe/shared-types';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity';

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

  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** One page of the org's events, newest first, filtered by action prefix and time. */
  async list(orgId: string, q: AuditQuery): Promise<Page<AuditEventDto>> {
    const where = ['a.org_id = $1'];
    const params: unknown[] = [orgId];
    if (q.action) {
      params.push(`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`a.action LIKE $${params.length}`);
    }
    if (q.from) {
      params.push(q.from);
      where.push(`a.at >= $${params.length}`);
    }
    if (q.to) {
      params.push(q.to);
      where.push(`a.at < $${params.length}`);
    }
    const [{ total }] = await this.events.query(`SELECT count(*)::int AS total FROM audit_event a WHERE ${where.join(' AND ')}`, params);
    const rows: { id: string; at: Date; action: string; actor_id: string | null; actor_email: string | null; subject_type: string | null; subject_id: string | null; subject_name: string | null; details: Record<string, unknown> }[] =
      await this.events.query(
        `SELECT p.*, coalesce(
                  (SELECT e.first_name || ' ' || e.last_name FROM employee e WHERE p.subject_type = 'employee' AND e.id::text = p.subject_id AND e.org_id = $1),
                  (SELECT e.first_name || ' ' || e.last_name FROM headshot h JOIN employee e ON e.id = h.employee_id AND e.org_id = h.org_id
                    WHERE p.subject_type = 'headshot' AND h.id::text = p.subject_id AND h.org_id = $1),
                  (SELECT coalesce(nullif(su.display_name, ''), su.email) FROM app_user su WHERE p.subject_type = 'user' AND su.id::text = p.subject_id AND su.org_id = $1),
                  (SELECT c.name FROM campaign c WHERE p.subject_type = 'campaign' AND c.id::text = p.subject_id AND c.org_id = $1)
                ) AS subject_name
           FROM (SELECT a.id, a.at, a.action, u.id AS actor_id, u.email AS actor_email, a.subject_type, a.subject_id, a.details
                   FROM audit_event a LEFT JOIN app_user u ON u.id = a.actor_user_id AND u.org_id = a.org_id
                  WHERE ${where.join(' AND ')} ORDER BY a.at DESC, a.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}) p
          ORDER BY p.at DESC, p.id`,
        params,
      );
    return {
      items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), action: r.action, actor: r.actor_id ? { id: r.actor_id, email: r.actor_email! } : null, subjectType: r.subject_type, subjectId: r.subject_id, subjectName: r.subject_name, details: r.details })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Records an event; pass the transaction's manager to commit it together with the change it describes. */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEvent) : this.events;
    await repo.insert({
      orgId: entry.orgId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      // TypeORM's deep-partial type cannot express an open JSON object; the column is jsonb.
      details: (entry.details ?? {}) as AuditEvent['details'] & object,
    });
    for (const observe of this.observers) await observe(entry, repo.manager);
  }

  /** Lets a feature act on events inside the transaction that records them (the webhooks outbox). */
  observe(observer: AuditObserver): void {
    this.observers.push(observer);
  }
}
