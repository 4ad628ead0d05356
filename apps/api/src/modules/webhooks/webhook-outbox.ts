import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditEntry, AuditService } from '../audit/audit.service';
import { WEBHOOK_EVENT_BY_ACTION } from './webhook-events';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Turns audit events into webhook events in the same transaction (a transactional outbox): an approval
 * that rolls back sends nothing, one that commits is delivered even if Redis was down at that moment.
 * Rows are written only when the org has an enabled endpoint that wants the event.
 */
@Injectable()
export class WebhookOutbox implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly webhooks: WebhooksRepository,
  ) {}

  onModuleInit(): void {
    this.audit.observe((entry, m) => this.capture(entry, m));
  }

  private async capture(entry: AuditEntry, m: EntityManager): Promise<void> {
    const map = WEBHOOK_EVENT_BY_ACTION[entry.action];
    if (!map) return;
    const { type, data } = map(entry);
    await this.webhooks.insertEventIfWanted(m, entry.orgId, type, data);
  }
}
