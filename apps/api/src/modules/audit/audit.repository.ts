import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditQuery } from '@teamframe/shared-types';
import { type EntityManager, Repository } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity';

/** An event as the audit page shows it: the actor's email and the subject's name resolved. */
export interface AuditEventRow {
  id: string;
  at: Date;
  action: string;
  actor_id: string | null;
  actor_email: string | null;
  subject_type: string | null;
  subject_id: string | null;
  subject_name: string | null;
  details: Record<string, unknown>;
}

/** The SQL of the audit log: appending an event, and the org's events page by page. */
@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** The manager an insert without a transaction runs on. */
  get manager(): EntityManager {
    return this.events.manager;
  }

  async insert(m: EntityManager, e: Pick<AuditEvent, 'orgId' | 'actorUserId' | 'action' | 'subjectType' | 'subjectId' | 'details'>): Promise<void> {
    // TypeORM's deep-partial type cannot express an open JSON object; the column is jsonb.
    await m.getRepository(AuditEvent).insert({ ...e, details: e.details as AuditEvent['details'] & object });
  }

  /** One page of the org's events, newest first, filtered by action prefix and time, and how many match. */
  async page(orgId: string, q: AuditQuery): Promise<{ rows: AuditEventRow[]; total: number }> {
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
    const rows: AuditEventRow[] = await this.events.query(
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
    return { rows, total };
  }
}
