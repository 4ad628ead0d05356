import { Inject, Injectable, Logger } from '@nestjs/common';
import { type InviteMailPayload, MAIL_JOB, QUEUE } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { employeeLanguage } from '../../core/i18n/employee-language';
import { MessageCatalogue } from '../../core/i18n/message-catalogue';
import { MailService } from '../../core/mail/mail.service';
import { RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { BrandService } from '../brand/brand.service';
import { OrgsRepository } from '../orgs/orgs.repository';
import { composeInviteMail } from './invite-mail';
import { inviteLink } from './invite-token';
import { InvitesRepository } from './invites.repository';
import { InvitesService } from './invites.service';

/** Writes invite and reminder mails; SMTP failures throw and the `mail` queue retries with backoff. */
@Injectable()
export class InviteMailHandler {
  private readonly logger = new Logger(InviteMailHandler.name);

  constructor(
    private readonly rows: InvitesRepository,
    private readonly orgs: OrgsRepository,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly brand: BrandService,
    private readonly storage: StorageService,
    private readonly invites: InvitesService,
    private readonly catalogue: MessageCatalogue,
  ) {}

  @RunsJob(QUEUE.mail, MAIL_JOB.invite, MAIL_JOB.reminder)
  async send(job: Job<InviteMailPayload>): Promise<'sent' | 'skipped'> {
    const reminder = job.name === MAIL_JOB.reminder;
    const invite = await this.rows.byId(job.data.inviteId);
    // A link revoked or expired since the job was queued must not be mailed.
    if (!invite || invite.state !== 'active' || invite.expiresAt.getTime() <= Date.now()) return 'skipped';
    const employee = await this.rows.employee(invite.orgId, invite.employeeId);
    const org = await this.orgs.byId(invite.orgId);
    if (!employee || !org || employee.deactivatedAt) return 'skipped';
    // A reminder stops once a selfie arrived for this invite (a refresh invites people who are
    // already approved, so the employee's status alone cannot tell).
    if (reminder && (await this.invites.answered(invite))) return 'skipped';
    const campaign = await this.invites.campaignOf(invite);
    const link = inviteLink(this.config, invite.id);
    const logoKey = await this.brand.logoKey(org.id);
    const logo = logoKey ? await this.storage.read(logoKey).catch(() => undefined) : undefined;
    const t = this.catalogue.translator(employeeLanguage(employee, org));
    await this.mail.send(composeInviteMail({ to: employee.email, firstName: employee.firstName, orgName: org.name, t, link, expiresAt: invite.expiresAt, reminder, logo, dueOn: campaign?.dueOn ?? null, campaignName: campaign?.kind === 'manual' ? campaign.name : null, refresh: campaign?.kind === 'refresh' }));
    await this.rows.markMailed(invite.id, reminder);
    this.logger.log({ inviteId: invite.id, reminder }, 'invite mail sent');
    return 'sent';
  }
}
