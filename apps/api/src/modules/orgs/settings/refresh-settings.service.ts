import { Injectable } from '@nestjs/common';
import type { RefreshSettings } from '@teamframe/shared-types';
import type { AuthContext } from '../../../core/auth/auth-context';
import { AuditService } from '../../audit/audit.service';
import { OrgsRepository } from '../orgs.repository';

/** The refresh cycle: how old an approved headshot may get before the campaign scheduler re-invites its person. */
@Injectable()
export class RefreshSettingsService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(auth: AuthContext): Promise<RefreshSettings> {
    return { refreshMonths: await this.orgs.refreshMonths(auth.orgId) };
  }

  async update(auth: AuthContext, s: RefreshSettings): Promise<RefreshSettings> {
    await this.orgs.setRefreshMonths(auth.orgId, s.refreshMonths);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'campaign.refresh_settings_updated', details: { ...s } });
    return s;
  }
}
