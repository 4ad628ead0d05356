import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MailService } from '../../core/mail/mail.service';
import { StorageService } from '../../core/storage/storage.service';
import { Employee } from '../employees/entities/employee.entity';
import { Headshot } from '../headshots/entities/headshot.entity';
import { Org } from '../orgs/entities/org.entity';
import { composeApprovedMail, composeRejectionMail } from './review-mail';

/** The rendition mailed to the employee on approval. */
const EMPLOYEE_RENDITION = /linkedin/i;

/** Writes the mail that tells an employee about HR's decision; run by the `mail` queue's worker. */
@Injectable()
export class ReviewMailHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly storage: StorageService,
  ) {}

  async send(headshotId: string): Promise<'sent' | 'skipped'> {
    const h = await this.db.getRepository(Headshot).findOneBy({ id: headshotId });
    if (!h || (h.state !== 'approved' && h.state !== 'rejected')) return 'skipped';
    const [e, org] = await Promise.all([this.db.getRepository(Employee).findOneBy({ id: h.employeeId, orgId: h.orgId }), this.db.getRepository(Org).findOneBy({ id: h.orgId })]);
    if (!e || !org || e.deactivatedAt) return 'skipped';
    if (h.state === 'rejected') {
      await this.mail.send(composeRejectionMail({ to: e.email, firstName: e.firstName, orgName: org.name, reason: h.rejectionReason ?? '' }));
      return 'sent';
    }
    const r = h.renditions.find((x) => EMPLOYEE_RENDITION.test(x.name));
    const attachment = r
      ? { filename: `headshot-${e.firstName}-${e.lastName}.${r.key.slice(r.key.lastIndexOf('.') + 1)}`.replace(/[^A-Za-z0-9._-]/g, '_'), content: await this.storage.read(r.key), contentType: r.mime }
      : undefined;
    await this.mail.send(composeApprovedMail({ to: e.email, firstName: e.firstName, orgName: org.name, attachment }));
    return 'sent';
  }
}
