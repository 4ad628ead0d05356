import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CreateExportRequest, EXPORT_JOB, type ExportDto, type ExportFilter, type ExportJobPayload, type ExportOptionsDto, isPrintRendition, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { OrgsRepository } from '../orgs/orgs.repository';
import { StylesService } from '../styles/styles.service';
import type { Export } from './entities/export.entity';
import type { ArchivePerson } from './export-archive';
import { ExportsRepository } from './exports.repository';
import { emailsNotForMarketing, exportNotFound, exportNotReady, nobodyToExport, unknownRenditions } from './exports.errors';

export function toExportDto(e: Export): ExportDto {
  return {
    id: e.id,
    state: e.state,
    progress: e.state === 'done' ? 1 : Math.round(e.progress * 1000) / 1000,
    filter: e.filter,
    renditions: e.renditions,
    naming: e.naming,
    includeEmail: e.includeEmail,
    people: e.people,
    size: e.size === null ? null : Number(e.size),
    error: e.error,
    expiresAt: e.expiresAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    downloadUrl: e.state === 'done' ? `/api/exports/${e.id}/download` : null,
  };
}

@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ExportsRepository,
    private readonly orgs: OrgsRepository,
    @InjectQueue(QUEUE.export) private readonly queue: Queue<ExportJobPayload>,
    private readonly styles: StylesService,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
  ) {}

  async create(auth: AuthContext, req: CreateExportRequest): Promise<ExportDto> {
    if (req.includeEmail && !(await this.emailsAllowed(auth))) throw emailsNotForMarketing();
    const style = await this.styles.document(auth.orgId, (await this.styles.current(auth.orgId)).id);
    const known = style.renditions.map((r) => r.name);
    const unknown = req.renditions.filter((r) => !known.includes(r));
    if (unknown.length) throw unknownRenditions(unknown, known);
    const filter: ExportFilter = { scope: req.scope, ...(req.department ? { department: req.department } : {}), ...(req.employeeIds ? { employeeIds: [...new Set(req.employeeIds)] } : {}) };
    if ((await this.repo.countApproved(auth.orgId, filter)) === 0) throw nobodyToExport();
    const saved = await this.db.transaction(async (m) => {
      const e = await this.repo.insert(m, { orgId: auth.orgId, createdBy: auth.userId, filter, renditions: req.renditions, naming: req.naming ?? style.naming, includeEmail: req.includeEmail });
      await this.audit.record(
        { orgId: auth.orgId, actorUserId: auth.userId, action: 'export.created', subjectType: 'export', subjectId: e.id, details: { scope: filter.scope, department: filter.department, selected: filter.employeeIds?.length, renditions: req.renditions, includeEmail: req.includeEmail } },
        m,
      );
      return e;
    });
    await this.queue.add(EXPORT_JOB.build, { exportId: saved.id }, { jobId: `export-${saved.id}` });
    return toExportDto(await this.repo.findOrFail(saved.id));
  }

  async options(auth: AuthContext): Promise<ExportOptionsDto> {
    const style = await this.styles.document(auth.orgId, (await this.styles.current(auth.orgId)).id);
    const departments = await this.repo.departments(auth.orgId);
    const renditionDetails = style.renditions.map((r) => ({ name: r.name, format: r.format, colourSpace: r.colourSpace, dpi: r.dpi, forPrint: isPrintRendition(r) }));
    return { renditions: style.renditions.map((r) => r.name), renditionDetails, naming: style.naming, departments, emailsAllowed: await this.emailsAllowed(auth) };
  }

  /**
   * Marketing does not see the employee list, so work e-mail addresses reach it through an export only
   * when HR allows it for the org (Settings › Organisation, ExportSettingsService); owners and HR always may.
   */
  private async emailsAllowed(auth: AuthContext): Promise<boolean> {
    if (auth.role !== 'marketing') return true;
    return this.orgs.marketingSeesEmails(auth.orgId);
  }

  async list(auth: AuthContext): Promise<ExportDto[]> {
    await this.purgeExpired(auth.orgId);
    const rows = await this.repo.latest(auth.orgId);
    return rows.map(toExportDto);
  }

  async get(auth: AuthContext, id: string): Promise<ExportDto> {
    return toExportDto(await this.find(auth, id));
  }

  /** The finished ZIP to stream; `expired` when its time is up (the caller answers 410). */
  async download(auth: AuthContext, id: string): Promise<{ expired: true } | { expired: false; key: string; size: number; fileName: string }> {
    const e = await this.find(auth, id);
    if (e.state === 'expired') return { expired: true };
    if (e.state !== 'done' || !e.fileKey) throw exportNotReady(e.state);
    if (e.includeEmail && !(await this.emailsAllowed(auth))) throw emailsNotForMarketing();
    const size = await this.storage.size(e.fileKey);
    if (size === null) throw exportNotFound();
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'export.downloaded', subjectType: 'export', subjectId: e.id });
    return { expired: false, key: e.fileKey, size, fileName: `headshots-${e.createdAt.toISOString().slice(0, 10)}-${e.id.slice(0, 8)}.zip` };
  }

  /** Everyone in the filter with an approved headshot, in name order; only the org's own, never deactivated people. */
  async approvedPeople(orgId: string, filter: ExportFilter): Promise<ArchivePerson[]> {
    const rows = await this.repo.approved(orgId, filter);
    return rows.map((r) => ({
      employeeId: r.employee_id,
      firstName: r.first_name,
      lastName: r.last_name,
      title: r.title,
      department: r.department,
      email: r.email,
      customFields: r.custom_fields,
      approvedAt: new Date(r.reviewed_at ?? r.updated_at),
      renditions: new Map(r.renditions.map((x) => [x.name, { key: x.key, width: x.width, height: x.height, format: x.format, colourSpace: x.colourSpace, dpi: x.dpi }])),
    }));
  }

  /** Marks finished exports past their time expired and deletes their files; with the audit saying so. */
  async purgeExpired(orgId?: string): Promise<number> {
    const due = await this.repo.expired(orgId);
    for (const e of due) {
      if (e.fileKey) await this.storage.delete(e.fileKey);
      if (await this.repo.move(e.id, 'done', { state: 'expired', fileKey: null })) await this.audit.record({ orgId: e.orgId, actorUserId: null, action: 'export.expired', subjectType: 'export', subjectId: e.id, details: { size: e.size === null ? null : Number(e.size) } });
    }
    if (due.length) this.logger.log({ expired: due.length }, 'expired exports deleted');
    return due.length;
  }

  private async find(auth: AuthContext, id: string): Promise<Export> {
    const e = await this.repo.find(id, auth.orgId);
    if (!e) throw exportNotFound();
    if (e.state === 'done' && e.expiresAt && e.expiresAt.getTime() <= Date.now()) {
      await this.purgeExpired(auth.orgId);
      return this.repo.findOrFail(id, auth.orgId);
    }
    return e;
  }

}
