import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MAIL_JOB, QUEUE, type ReviewMailPayload } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { DataSource, MoreThan } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { employeeLanguage } from '../../core/i18n/employee-language';
import { MessageCatalogue } from '../../core/i18n/message-catalogue';
import { MailService } from '../../core/mail/mail.service';
import { RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { Employee } from '../employees/entities/employee.entity';
import { employeeRendition } from '../headshots/employee-rendition';
import { Headshot } from '../headshots/entities/headshot.entity';
import { Invite } from '../invites/entities/invite.entity';
import { inviteLink } from '../invites/invite-token';
import { Org } from '../orgs/entities/org.entity';
import { composeApprovedMail, composeRejectionMail } from './review-mail';


/** Writes the mail that tells an employee about HR's decision (the `mail` queue's review-decision job). */
@Injectable()
export class ReviewMailHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly storage: StorageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalogue: MessageCatalogue,
  ) {}

  @RunsJob(QUEUE.mail, MAIL_JOB.reviewDecision)
  async send(job: Job<ReviewMailPayload>): Promise<'sent' | 'skipped'> {
    const h = await this.db.getRepository(Headshot).findOneBy({ id: job.data.headshotId });
    if (!h || (h.state !== 'approved' && h.state !== 'rejected')) return 'skipped';
    const [e, org] = await Promise.all([this.db.getRepository(Employee).findOneBy({ id: h.employeeId, orgId: h.orgId }), this.db.getRepository(Org).findOneBy({ id: h.orgId })]);
    if (!e || !org || e.deactivatedAt) return 'skipped';
    const t = this.catalogue.translator(employeeLanguage(e, org));
    if (h.state === 'rejected') {
      // The link issued with the rejection; a newer one (HR resent or copied a link since) wins, and
      // with no live link at all there is nothing the employee could act on.
      const invite = await this.db.getRepository(Invite).findOne({ where: { orgId: h.orgId, employeeId: e.id, state: 'active', expiresAt: MoreThan(new Date()) }, order: { createdAt: 'DESC' } });
      if (!invite) return 'skipped';
      const link = inviteLink(this.config, invite.id);
      await this.mail.send(composeRejectionMail({ to: e.email, firstName: e.firstName, orgName: org.name, reason: h.rejectionReason ?? '', link, expiresAt: invite.expiresAt, t }));
      await this.db.getRepository(Invite).update({ id: invite.id }, { sentAt: new Date() });
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
