import { Injectable } from '@nestjs/common';
import type { InviteSettings } from '@teamframe/shared-types';
import type { AuthContext } from '../../../core/auth/auth-context';
import { AuditService } from '../../audit/audit.service';
import { OrgsRepository } from '../orgs.repository';

/** Whether new employees are invited automatically, and the e-mail domains invites may go to. */
@Injectable()
export class InviteSettingsService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditService,
  ) {}

  get(auth: AuthContext): Promise<InviteSettings> {
    return this.orgs.invites(auth.orgId);
  }

  async update(auth: AuthContext, s: InviteSettings): Promise<InviteSettings> {
    await this.orgs.setInvites(auth.orgId, s);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'invite.settings_updated', details: { ...s } });
    return s;
  }
}
