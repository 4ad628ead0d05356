import { Inject, Injectable } from '@nestjs/common';
import { MAIL_JOB, QUEUE, type ReviewMailPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { employeeLanguage } from '../../core/i18n/employee-language';
import { MessageCatalogue } from '../../core/i18n/message-catalogue';
import { MailService } from '../../core/mail/mail.service';
import { RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { employeeRendition } from '../headshots/employee-rendition';
import { inviteLink } from '../invites/invite-token';
import { OrgsRepository } from '../orgs/orgs.repository';
import { composeApprovedMail, composeRejectionMail } from './review-mail';
import { ReviewRepository } from './review.repository';


/** Writes the mail that tells an employee about HR's decision (the `mail` queue's review-decision job). */
@Injectable()
export class ReviewMailHandler {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly orgs: OrgsRepository,
    private readonly mail: MailService,
    private readonly storage: StorageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalogue: MessageCatalogue,
  ) {}

  @RunsJob(QUEUE.mail, MAIL_JOB.reviewDecision)
  async send(job: Job<ReviewMailPayload>): Promise<'sent' | 'skipped'> {
    const h = await this.repo.headshot({ id: job.data.headshotId });
    if (!h || (h.state !== 'approved' && h.state !== 'rejected')) return 'skipped';
    const [e, org] = await Promise.all([this.repo.employee(h.orgId, h.employeeId), this.orgs.byId(h.orgId)]);
    if (!e || !org || e.deactivatedAt) return 'skipped';
    const t = this.catalogue.translator(employeeLanguage(e, org));
    if (h.state === 'rejected') {
      // The link issued with the rejection; a newer one (HR resent or copied a link since) wins, and
      // with no live link at all there is nothing the employee could act on.
      const invite = await this.repo.liveInvite(h.orgId, e.id);
      if (!invite) return 'skipped';
      const link = inviteLink(this.config, invite.id);
      await this.mail.send(composeRejectionMail({ to: e.email, firstName: e.firstName, orgName: org.name, reason: h.rejectionReason ?? '', link, expiresAt: invite.expiresAt, t }));
      await this.repo.markInviteSent(invite.id);
      return 'sent';
    }
    const r = employeeRendition(h.renditions);
    const attachment = r
      ? { filename: `headshot-${e.firstName}-${e.lastName}.${r.key.slice(r.key.lastIndexOf('.') + 1)}`.replace(/[^A-Za-z0-9._-]/g, '_'), content: await this.storage.read(r.key), contentType: r.mime }
      : undefined;
    await this.mail.send(composeApprovedMail({ to: e.email, firstName: e.firstName, orgName: org.name, attachment, t }));
    return 'sent';
  }
}
