import { Injectable } from '@nestjs/common';
import type { OrgSettings, OrgSettingsDto } from '@teamframe/shared-types';
import type { AuthContext } from '../../../core/auth/auth-context';
import { DomainError } from '../../../core/http/domain-error';
import { languageOptions } from '../../../core/i18n/language-options';
import { AuditService } from '../../audit/audit.service';
import { OrgsRepository } from '../orgs.repository';

/** The org's general settings: its name, processing mode and the employee side's default language. */
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

  /** The name is the company's public face (mails, upload page, team page): only an owner renames it. */
  async update(auth: AuthContext, s: OrgSettings): Promise<OrgSettingsDto> {
    const before = await this.orgs.general(auth.orgId);
    const renamed = s.name !== undefined && s.name !== before.name;
    if (renamed && auth.role !== 'owner') throw new DomainError('FORBIDDEN', 'Only an owner can rename the organisation.');
    await this.orgs.setGeneral(auth.orgId, s);
    const { name: _name, ...settings } = s;
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'org.settings_updated', details: { ...settings, ...(renamed ? { renamedFrom: before.name, name: s.name } : {}) } });
    return this.get(auth);
  }
}
