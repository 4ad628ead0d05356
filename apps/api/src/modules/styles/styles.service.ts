import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  findStylePreset,
  INTERACTIVE_JOB,
  parseStyle,
  QUEUE,
  type Style,
  type StyleChange,
  StyleSchema,
  STYLE_PRESET_IDS,
  STYLE_PRESETS,
  type StylePresetDto,
  type StylePreviewDto,
  type StylePreviewJobPayload,
  type StyleVersionDto,
} from '@teamframe/shared-types';
import { type Queue, QueueEvents } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { waitForJob } from '../../core/queue/job-result';
import { REDIS } from '../../core/redis/redis.module';
import { AuditService } from '../audit/audit.service';
import { OrgsRepository } from '../orgs/orgs.repository';
import type { StyleVersion } from './entities/style-version.entity';
import { StylesRepository } from './styles.repository';
import { diffStyles } from './style-diff';

/** The style a new org starts with until HR designs its own. */
export const DEFAULT_PRESET = 'corporate-grey';
export const PREVIEW_TTL_S = 120;
const PREVIEW_TIMEOUT_MS = 20_000;

export const previewKey = (id: string) => `style-preview:${id}`;

@Injectable()
export class StylesService {
  private events?: QueueEvents;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: StylesRepository,
    private readonly orgs: OrgsRepository,
    @InjectQueue(QUEUE.interactive) private readonly interactive: Queue<StylePreviewJobPayload>,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly audit: AuditService,
  ) {}

  /** The org's current style version; creates version 1 from the default preset on first use. */
  async current(orgId: string, manager: EntityManager = this.db.manager): Promise<StyleVersion> {
    const currentId = await this.orgs.currentStyleVersionId(orgId, manager);
    if (currentId) return this.repo.get(orgId, currentId, manager);
    return manager.transaction(async (m) => {
      // Two first uploads at once must not create two version 1s.
      await this.orgs.lock(m, orgId);
      const freshId = await this.orgs.currentStyleVersionId(orgId, m);
      if (freshId) return this.repo.get(orgId, freshId, m);
      return this.insertVersion(m, orgId, findStylePreset(DEFAULT_PRESET)!, null);
    });
  }

  /** A pinned version's document, validated again: a stored style that no longer parses is a bug to see. */
  async document(orgId: string, versionId: string): Promise<Style> {
    const v = await this.repo.get(orgId, versionId);
    return StyleSchema.parse(v.document);
  }

  presets(): StylePresetDto[] {
    return STYLE_PRESET_IDS.map((id) => ({ id, name: STYLE_PRESETS[id].name, document: STYLE_PRESETS[id] }));
  }

  async versions(auth: AuthContext): Promise<StyleVersionDto[]> {
    const current = await this.current(auth.orgId);
    const rows = await this.repo.list(auth.orgId);
    return rows.map((v) => toDto(v, current.id));
  }

  async version(auth: AuthContext, version: number): Promise<StyleVersionDto> {
    const current = await this.current(auth.orgId);
    return toDto(await this.byNumber(auth.orgId, version), current.id);
  }

  /** Saves a new version (validated; the field and the reason on failure) and makes it current. */
  async save(auth: AuthContext, document: unknown, action = 'style.saved'): Promise<StyleVersionDto> {
    const parsed = parseStyle(document);
    if (!parsed.success) {
      throw new DomainError('VALIDATION_FAILED', `The style is not valid: ${parsed.message}`, parsed.issues.map((i) => ({ path: `document.${i.path}`, message: i.message })));
    }
    await this.assertOwnBrandImage(auth.orgId, parsed.style);
    const v = await this.db.transaction(async (m) => {
      await this.orgs.lock(m, auth.orgId);
      const v = await this.insertVersion(m, auth.orgId, parsed.style, auth.userId);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action, subjectType: 'style_version', subjectId: v.id, details: { version: v.version } }, m);
      return v;
    });
    return toDto(v, v.id);
  }

  async restore(auth: AuthContext, version: number): Promise<StyleVersionDto> {
    const old = await this.byNumber(auth.orgId, version);
    return this.save(auth, old.document, 'style.restored');
  }

  async diff(auth: AuthContext, a: number, b: number): Promise<StyleChange[]> {
    const [va, vb] = await Promise.all([this.byNumber(auth.orgId, a), this.byNumber(auth.orgId, b)]);
    return diffStyles(va.document, vb.document);
  }

  /**
   * Renders a draft on a few of the org's own selfies at reduced size (on the bundled sample portraits while
   * it has none), on the interactive queue so it never waits behind a batch. The draft waits in Redis for
   * the worker; the job names it only.
   */
  async preview(auth: AuthContext, document: unknown, uploadIds?: string[]): Promise<StylePreviewDto> {
    const parsed = parseStyle(document);
    if (!parsed.success) {
      throw new DomainError('VALIDATION_FAILED', `The style is not valid: ${parsed.message}`, parsed.issues.map((i) => ({ path: `document.${i.path}`, message: i.message })));
    }
    await this.assertOwnBrandImage(auth.orgId, parsed.style);
    const uploads = await this.repo.previewUploads(auth.orgId, uploadIds);
    // Before the first selfie arrives, the bundled sample portraits stand in, so HR does not set the style blind.
    const samples = uploads.length === 0 && !uploadIds?.length;
    if (uploads.length === 0 && !samples) return { items: [] };
    const previewId = randomUUID();
    await this.redis.set(previewKey(previewId), JSON.stringify({ orgId: auth.orgId, style: parsed.style, uploadIds: uploads, samples }), 'EX', PREVIEW_TTL_S);
    const job = await this.interactive.add(INTERACTIVE_JOB.stylePreview, { previewId }, { jobId: `preview-${previewId}`, attempts: 1, removeOnComplete: { age: 60 } });
    this.events ??= new QueueEvents(QUEUE.interactive, { connection: this.interactive.opts.connection, prefix: this.interactive.opts.prefix });
    try {
      return await waitForJob<StylePreviewDto>(this.interactive, job, this.events, PREVIEW_TIMEOUT_MS);
    } catch (e) {
      throw new DomainError('SERVICE_UNAVAILABLE', `The preview did not finish in time (${(e as Error).message}). Is a worker running?`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.events?.close();
  }

  private async byNumber(orgId: string, version: number): Promise<StyleVersion> {
    const v = await this.repo.byNumber(orgId, version);
    if (!v) throw new DomainError('NOT_FOUND', `Your organisation has no style version ${version}.`);
    return v;
  }

  private async insertVersion(m: EntityManager, orgId: string, style: Style, userId: string | null): Promise<StyleVersion> {
    const v = await this.repo.insertNext(m, orgId, style as unknown as Record<string, unknown>, userId);
    await this.orgs.setCurrentStyleVersion(m, orgId, v.id);
    return v;
  }

  /** A brand background must be one of the org's own stored images, never another org's key. */
  private async assertOwnBrandImage(orgId: string, style: Style): Promise<void> {
    if (style.background.type !== 'image') return;
    if (!style.background.ref.startsWith(`org/${orgId}/brand/`)) {
      throw new DomainError('VALIDATION_FAILED', 'The brand background image is not one of your organisation’s images.', [{ path: 'document.background.ref', message: 'is not an image of your organisation' }]);
    }
  }
}

function toDto(v: StyleVersion, currentId: string): StyleVersionDto {
  return { id: v.id, version: v.version, current: v.id === currentId, document: v.document, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy };
}
