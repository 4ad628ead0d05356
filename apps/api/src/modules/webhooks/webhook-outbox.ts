import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditEntry, AuditService } from '../audit/audit.service';
import { WEBHOOK_EVENT_BY_ACTION } from './webhook-events';

/**
 * Turns audit events into webhook events in the same transaction (a transactional outbox): an approval
 * that rolls back sends nothing, one that commits is delivered even if Redis was down at that moment.
 * Rows are written only when the org has an enabled endpoint that wants the event.
 */
@Injectable()
export class WebhookOutbox implements OnModuleInit {
  constructor(private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.audit.observe((entry, m) => this.capture(entry, m));
  }

  private async capture(entry: AuditEntry, m: EntityManager): Promise<void> {
    const map = WEBHOOK_EVENT_BY_ACTION[entry.action];
    if (!map) return;
    const { type, data } = map(entry);
    await m.query(
      `INSERT INTO webhook_event (org_id, type, data)
       SELECT $1, $2, $3::jsonb WHERE EXISTS (SELECT 1 FROM webhook_endpoint WHERE org_id = $1 AND enabled AND $2 = ANY(events))`,
      [entry.orgId, type, JSON.stringify(data)],
    );
  }
}
