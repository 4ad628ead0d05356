import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Employee } from '../employees/entities/employee.entity';
import { Headshot } from '../headshots/entities/headshot.entity';
import { Org } from '../orgs/entities/org.entity';
import { UploadAttempt } from './entities/upload-attempt.entity';
import { Upload } from './entities/upload.entity';

/** The SQL behind an invite link: the employee and org it is for, their consent, selfies and refused attempts. */
@Injectable()
export class IntakeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The employee and org an invite is for (both must exist: the invite was just found). */
  async employeeAndOrg(orgId: string, employeeId: string): Promise<{ employee: Employee; org: Org }> {
    const [employee, org] = await Promise.all([this.db.getRepository(Employee).findOneByOrFail({ id: employeeId, orgId }), this.db.getRepository(Org).findOneByOrFail({ id: orgId })]);
    return { employee, org };
  }

  async recordConsent(e: Pick<Employee, 'id' | 'orgId'>, at: Date, version: string): Promise<void> {
    await this.db.getRepository(Employee).update({ id: e.id, orgId: e.orgId }, { consentAcceptedAt: at, consentVersion: version });
  }

  insertUpload(m: EntityManager, u: Pick<Upload, 'orgId' | 'employeeId' | 'originalKey' | 'sha256' | 'width' | 'height' | 'bytes' | 'sourceFormat' | 'checks'>): Promise<Upload> {
    return m.getRepository(Upload).save(u);
  }

  /** Keeps a refused selfie's checks (never the photo); returns the attempt's id. */
  async insertAttempt(m: EntityManager, a: Pick<UploadAttempt, 'orgId' | 'employeeId' | 'inviteId' | 'checks'>): Promise<string> {
    const saved = await m.getRepository(UploadAttempt).save(a);
    return saved.id;
  }

  /** The employee's newest headshot that is not superseded. */
  latestHeadshot(e: Pick<Employee, 'id' | 'orgId'>): Promise<Headshot | null> {
    return this.db.getRepository(Headshot).findOne({
      where: { orgId: e.orgId, employeeId: e.id, state: In(['queued', 'processing', 'in_review', 'failed', 'approved', 'rejected', 'waiting']) },
      order: { createdAt: 'DESC' },
    });
  }
}
