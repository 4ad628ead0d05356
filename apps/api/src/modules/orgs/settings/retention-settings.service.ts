import { Injectable } from '@nestjs/common';
import type { RetentionSettings } from '@teamframe/shared-types';
import type { AuthContext } from '../../../core/auth/auth-context';
import { AuditService } from '../../audit/audit.service';
import { OrgsRepository } from '../orgs.repository';

/** How long selfies, unapproved headshots and export files are kept; the retention module enforces it daily. */
@Injectable()
export class RetentionSettingsService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditService,
  ) {}

  get(auth: AuthContext): Promise<RetentionSettings> {
    return this.orgs.retention(auth.orgId);
  }

  async update(auth: AuthContext, s: RetentionSettings): Promise<RetentionSettings> {
    await this.orgs.setRetention(auth.orgId, s);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'retention.settings_updated', details: { ...s } });
    return s;
  }
}
