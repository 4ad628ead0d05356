import { Injectable } from '@nestjs/common';
import type { ExportSettings } from '@teamframe/shared-types';
import type { AuthContext } from '../../../core/auth/auth-context';
import { AuditService } from '../../audit/audit.service';
import { OrgsRepository } from '../orgs.repository';

/** What marketing may put in its exports: work e-mail addresses or not (ExportsService enforces it). */
@Injectable()
export class ExportSettingsService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(auth: AuthContext): Promise<ExportSettings> {
    return { marketingSeesEmails: await this.orgs.marketingSeesEmails(auth.orgId) };
  }

  async update(auth: AuthContext, s: ExportSettings): Promise<ExportSettings> {
    await this.orgs.setMarketingSeesEmails(auth.orgId, s.marketingSeesEmails);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'export.settings_updated', details: { ...s } });
    return s;
  }
}
