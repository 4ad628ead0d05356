import { randomBytes } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { MAINTENANCE_JOB, QUEUE } from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import type { CreatedPlatformOrgDto, CreatePlatformOrgRequest, OrgQuotas, PlatformOrgDto, UpdatePlatformOrgRequest } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import { DomainError } from '../../core/http/domain-error';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { Org } from './entities/org.entity';
import { OrgLimits } from './org-limits.service';
import { OrgsRepository } from './orgs.repository';
import { slugify } from './slugify';
import { PAUSED_WHILE_SUSPENDED } from './suspended-work';

const orgNotFound = () => new DomainError('NOT_FOUND', 'No such organisation.');

/**
 * The platform operator's side of orgs (the operator API and the `teamframe org` CLI share it): create
 * an org with its first owner, list them with usage, set quotas, suspend, and delete one with all its
 * data and files. Every change is audited in the org it concerns (actor: none, details say operator).
 */
@Injectable()
export class PlatformOrgs {
  private readonly logger = new Logger(PlatformOrgs.name);

  constructor(
    private readonly db: DataSource,
    private readonly orgs: OrgsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly limits: OrgLimits,
    private readonly storage: StorageService,
    // Absent in the CLI, which reaches no queue: there the maintenance sweep resumes paused work.
    @Optional() @InjectQueue(QUEUE.maintenance) private readonly maintenance?: Queue,
  ) {}

  async create(req: CreatePlatformOrgRequest, via: 'api' | 'cli'): Promise<CreatedPlatformOrgDto> {
    const slug = req.slug ?? slugify(req.name);
    const generated = req.owner.password ? null : randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(req.owner.password ?? generated!);
    const { orgId, ownerId } = await this.db.transaction(async (m) => {
      if (await this.orgs.bySlug(slug, m)) {
        throw new DomainError('CONFLICT', `An organisation with the slug "${slug}" exists already. Choose another slug.`, [{ path: 'slug', message: 'is taken' }]);
      }
      const org = await this.orgs.create(m, { name: req.name, slug, ...quotaColumns(req.quotas ?? {}) });
      const owner = await this.users.create({ orgId: org.id, email: req.owner.email, displayName: req.owner.email.split('@')[0], role: 'owner', passwordHash, disabledAt: null }, m);
      await this.audit.record({ orgId: org.id, actorUserId: null, action: 'org.created', subjectType: 'org', subjectId: org.id, details: { by: 'operator', via, owner: req.owner.email } }, m);
      return { orgId: org.id, ownerId: owner.id };
    });
    return { org: await this.get(orgId), owner: { id: ownerId, email: req.owner.email, oneTimePassword: generated } };
  }

  async list(): Promise<PlatformOrgDto[]> {
    const orgs = await this.orgs.all();
    return Promise.all(orgs.map((o) => this.describe(o)));
  }

  /** By id or slug (the CLI takes either). */
  async get(idOrSlug: string): Promise<PlatformOrgDto> {
    return this.describe(await this.find(idOrSlug));
  }

  async update(idOrSlug: string, req: UpdatePlatformOrgRequest, via: 'api' | 'cli'): Promise<PlatformOrgDto> {
    const org = await this.find(idOrSlug);
    await this.db.transaction(async (m) => {
      await this.orgs.update(m, org.id, { ...(req.name ? { name: req.name } : {}), ...quotaColumns(req.quotas ?? {}) });
      await this.audit.record({ orgId: org.id, actorUserId: null, action: 'org.updated', subjectType: 'org', subjectId: org.id, details: { by: 'operator', via, ...req } }, m);
    });
    return this.get(org.id);
  }

  /**
   * Suspending signs everyone of the org out at once (their sessions stop resolving), stops uploads,
   * and pauses its queued headshots and exports (workers leave them queued with a sentence); lifting it
   * queues them again at once (through the API; through the CLI within the sweep's two minutes).
   */
  async setSuspended(idOrSlug: string, suspended: boolean, via: 'api' | 'cli'): Promise<PlatformOrgDto> {
    const org = await this.find(idOrSlug);
    await this.db.transaction(async (m) => {
      await this.orgs.update(m, org.id, { suspendedAt: suspended ? (org.suspendedAt ?? new Date()) : null });
      if (suspended) await this.orgs.endSessions(m, org.id);
      await this.audit.record({ orgId: org.id, actorUserId: null, action: suspended ? 'org.suspended' : 'org.unsuspended', subjectType: 'org', subjectId: org.id, details: { by: 'operator', via } }, m);
    });
    if (!suspended && this.maintenance) {
      await this.maintenance.add(MAINTENANCE_JOB.resumeOrgWork, { orgId: org.id }).catch((err: unknown) => this.logger.warn({ orgId: org.id, err }, 'could not queue the resumption; the sweep resumes the work'));
    }
    return this.get(org.id);
  }

  /**
   * Deletes the org: every row (the schema cascades from org) and every stored file under its prefix.
   * Only a suspended org can be deleted, so nobody is working in it while it goes.
   */
  async delete(idOrSlug: string): Promise<{ deleted: true; id: string }> {
    const org = await this.find(idOrSlug);
    if (!org.suspendedAt) throw new DomainError('CONFLICT', 'Suspend the organisation before deleting it.');
    await this.db.transaction((m) => this.orgs.delete(m, org.id));
    await this.storage.deletePrefix(`org/${org.id}`);
    return { deleted: true, id: org.id };
  }

  private async find(idOrSlug: string): Promise<Org> {
    const org = /^[0-9a-f-]{36}$/i.test(idOrSlug) ? await this.orgs.byId(idOrSlug) : await this.orgs.bySlug(idOrSlug.toLowerCase());
    if (!org) throw orgNotFound();
    return org;
  }

  private async describe(o: Org): Promise<PlatformOrgDto> {
    const { employees, members, pausedHeadshots: headshots, pausedExports: exports } = await this.orgs.usage(o.id, PAUSED_WHILE_SUSPENDED);
    return {
      id: o.id,
      name: o.name,
      slug: o.slug,
      createdAt: o.createdAt.toISOString(),
      suspendedAt: o.suspendedAt?.toISOString() ?? null,
      quotas: { maxEmployees: o.maxEmployees, maxStorageBytes: o.maxStorageBytes === null ? null : Number(o.maxStorageBytes) },
      usage: { employees, members, storageBytes: await this.limits.storageUsed(o.id) },
      paused: { headshots, exports },
    };
  }
}

/** Only the quotas the request names change; null clears a limit. */
function quotaColumns(q: OrgQuotas): Partial<Pick<Org, 'maxEmployees' | 'maxStorageBytes'>> {
  return {
    ...(q.maxEmployees !== undefined ? { maxEmployees: q.maxEmployees } : {}),
    ...(q.maxStorageBytes !== undefined ? { maxStorageBytes: q.maxStorageBytes === null ? null : String(q.maxStorageBytes) } : {}),
  };
}
