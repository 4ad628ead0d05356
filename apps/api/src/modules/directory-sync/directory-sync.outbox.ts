import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditEntry, AuditService } from '../audit/audit.service';

/**
 * When a headshot is approved, marks it for every enabled directory connection of the org, in the same
 * transaction as the approval. Consent and the headshot's state are checked again just before sending.
 */
@Injectable()
export class DirectorySyncOutbox implements OnModuleInit {
  constructor(private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.audit.observe((entry, m) => this.capture(entry, m));
  }

  private async capture(entry: AuditEntry, m: EntityManager): Promise<void> {
    if (entry.action !== 'headshot.approved' || !entry.subjectId || typeof entry.details?.employeeId !== 'string') return;
    await m.query(
      `INSERT INTO directory_photo_sync (employee_id, connection_id, org_id, headshot_id, state)
       SELECT $2, c.id, $1, $3, 'pending' FROM directory_connection c WHERE c.org_id = $1 AND c.enabled AND c.credentials_sealed IS NOT NULL
       ON CONFLICT (employee_id, connection_id) DO UPDATE SET headshot_id = EXCLUDED.headshot_id, state = 'pending', detail = NULL, updated_at = now()`,
      [entry.orgId, entry.details.employeeId, entry.subjectId],
    );
  }
}
