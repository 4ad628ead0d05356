import { Injectable } from '@nestjs/common';
import type { OrgSettings, OrgSettingsDto } from '@teamframe/shared-types';
import type { AuthContext } from '../../../core/auth/auth-context';
import { languageOptions } from '../../../core/i18n/language-options';
import { AuditService } from '../../audit/audit.service';
import { OrgsRepository } from '../orgs.repository';

/** The org's general settings: processing mode and the employee side's default language. */
@Injectable()
export class GeneralSettingsService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditService,
  ) {}

  /** With the languages there are messages for, so the form can offer them. */
  async get(auth: AuthContext): Promise<OrgSettingsDto> {
    return { ...(await this.orgs.general(auth.orgId)), languages: languageOptions() };
  }

  async update(auth: AuthContext, s: OrgSettings): Promise<OrgSettingsDto> {
    await this.orgs.setGeneral(auth.orgId, s);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'org.settings_updated', details: { ...s } });
    return this.get(auth);
  }
}
