import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditEntry, AuditService } from '../audit/audit.service';
import { DirectorySyncRepository } from './directory-sync.repository';

/**
 * When a headshot is approved, marks it for every enabled directory connection of the org, in the same
 * transaction as the approval. Consent and the headshot's state are checked again just before sending.
 */
@Injectable()
export class DirectorySyncOutbox implements OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly repo: DirectorySyncRepository,
  ) {}

  onModuleInit(): void {
    this.audit.observe((entry, m) => this.capture(entry, m));
  }

  private async capture(entry: AuditEntry, m: EntityManager): Promise<void> {
    if (entry.action !== 'headshot.approved' || !entry.subjectId || typeof entry.details?.employeeId !== 'string') return;
    await this.repo.markPendingEverywhere(m, entry.orgId, entry.details.employeeId, entry.subjectId);
  }
}
