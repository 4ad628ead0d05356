import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AdjustmentPreviewDto,
  type BulkApproveResult,
  HEADSHOT_JOB,
  type HeadshotResultDto,
  type HeadshotAdjustments,
  type HeadshotJobPayload,
  isScreenRendition,
  MAIL_JOB,
  QUEUE,
  type Page,
  type RefusedUploadDto,
  type ReviewDecisionDto,
  type ReviewItemDto,
  type ReviewListQuery,
  type ReviewMailPayload,
  type SignedImageUrlDto,
} from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/http/domain-error';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import type { Headshot } from '../headshots/entities/headshot.entity';
import { HeadshotLifecycle } from '../headshots/headshot-lifecycle';
import { HeadshotQueueService } from '../headshots/headshot-queue.service';
import { InvitesService } from '../invites/invites.service';
import { StylesService } from '../styles/styles.service';
import { applyAdjustments } from './adjustments';
import { headshotNotFound, imageNotFound, notRegenerable, notReviewable, originalDeleted } from './review.errors';
import { type RenditionSize, ReviewRepository, type ReviewRow } from './review.repository';
import { signImagePath, type SignedSubject } from './signed-url';

const CHUNK = 1_000;

export interface ImageFile {
  key: string;
  mime: string;
  fileName: string;
  /** A print file (TIFF or CMYK) that browsers cannot show reliably: shown through an sRGB preview. */
  print?: boolean;
}

/**
 * HR's decisions on headshots: approve (earlier versions superseded), reject with a reason (the
 * employee gets a fresh link), regenerate with small adjustments (a new version; earlier ones kept
 * until one is approved). Every decision is audited in the transaction that makes it.
 */
@Injectable()
export class ReviewService {
  private readonly logger = new Logger(ReviewService.name);
  /** Mails after a decision go out one at a time, after the commit, off the request. */

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ReviewRepository,
    @InjectQueue(QUEUE.headshot) private readonly headshotQueue: Queue<HeadshotJobPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    @InjectQueue(QUEUE.mail) private readonly mailQueue: Queue<ReviewMailPayload>,
    private readonly invites: InvitesService,
    private readonly audit: AuditService,
    private readonly styles: StylesService,
    private readonly lifecycle: HeadshotLifecycle,
  ) {}

  /** The latest version of each employee's headshot, in the asked state, a page at a time. */
  async list(auth: AuthContext, q: ReviewListQuery): Promise<Page<ReviewItemDto>> {
    const rows = await this.repo.page(auth.orgId, q);
    const total = rows[0]?.total ?? (q.page > 1 ? await this.countOnly(auth, q) : 0);
    return { items: rows.map(toItem), total, page: q.page, pageSize: q.pageSize };
  }

  async approve(auth: AuthContext, headshotId: string): Promise<ReviewDecisionDto> {
    const result = await this.approveMany(auth, [headshotId], { single: true });
    if (result.approved === 0) throw result.error!;
    return { headshotId, employeeId: result.employeeIds[0], state: 'approved' };
  }

  async bulkApprove(auth: AuthContext, headshotIds: string[]): Promise<BulkApproveResult> {
    const unique = [...new Set(headshotIds)];
    let approved = 0;
    const skipped: BulkApproveResult['skipped'] = [];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const r = await this.approveMany(auth, unique.slice(i, i + CHUNK), { single: false });
      approved += r.approved;
      skipped.push(...r.skipped);
    }
    return { approved, skipped };
  }

  async reject(auth: AuthContext, headshotId: string, reason: string): Promise<ReviewDecisionDto> {
    const h = await this.db.transaction(async (m) => {
      const h = await this.lockHeadshot(m, auth, headshotId);
      if (h.state !== 'in_review') throw notReviewable(h.state, 'rejected');
      if (!(await this.lifecycle.reject(m, h, { userId: auth.userId, at: new Date() }, reason))) throw notReviewable(h.state, 'rejected');
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'headshot.rejected', subjectType: 'headshot', subjectId: h.id, details: { employeeId: h.employeeId, reason } }, m);
      // A fresh link with the normal term (the old one stops working). It is not mailed on its own:
      // the rejection mail carries the reason and this link together, so the employee gets one mail.
      const employee = await this.repo.employeeOrFail(m, auth.orgId, h.employeeId);
      await this.invites.issue(m, auth, [employee]);
      return h;
    });
    await this.mailDecision([h.id]);
    return { headshotId: h.id, employeeId: h.employeeId, state: 'rejected' };
  }

  /** Every result made from the selfie behind this headshot, oldest first, so HR can compare and pick one. */
  async results(auth: AuthContext, headshotId: string): Promise<HeadshotResultDto[]> {
    const h = await this.repo.headshot({ id: headshotId, orgId: auth.orgId });
    if (!h) throw headshotNotFound();
    const rows = await this.repo.resultsOf(auth.orgId, h.uploadId);
    return rows.map((r, i) => ({
      headshotId: r.id,
      result: i + 1,
      state: r.state,
      adjustments: r.adjustments,
      renditions: r.renditions.map((x) => x.name),
      fullSize: largest(r.renditions),
      failureReason: r.failureReason,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /**
   * The headshot's pinned style with these adjustments, rendered small on the interactive queue:
   * what a regeneration would give, before HR commits to one.
   */
  async previewAdjustments(auth: AuthContext, headshotId: string, adjustments: HeadshotAdjustments): Promise<AdjustmentPreviewDto> {
    const h = await this.repo.headshot({ id: headshotId, orgId: auth.orgId });
    if (!h) throw headshotNotFound();
    await this.originalFile({ id: h.uploadId, orgId: auth.orgId });
    const style = applyAdjustments(await this.styles.document(auth.orgId, h.styleVersionId), adjustments);
    const [item] = (await this.styles.preview(auth, style, [h.uploadId])).items;
    return { image: item?.image ?? null, message: item ? item.message : 'The selfie is no longer stored.' };
  }

  /** A new version of the headshot from the same selfie and style, with optional adjustments; queued at once. */
  async regenerate(auth: AuthContext, headshotId: string, adjustments: HeadshotAdjustments): Promise<ReviewDecisionDto> {
    const hasAdjustments = Object.values(adjustments).some((v) => v !== undefined);
    const created = await this.db.transaction(async (m) => {
      const h = await this.lockHeadshot(m, auth, headshotId);
      if (!['in_review', 'failed', 'rejected'].includes(h.state)) throw notRegenerable(h.state);
      const upload = await this.repo.upload({ id: h.uploadId, orgId: auth.orgId }, m);
      if (!upload || (await this.storage.size(upload.originalKey)) === null) throw originalDeleted();
      const [created] = await this.lifecycle.addVersions(m, [{ orgId: auth.orgId, employeeId: h.employeeId, uploadId: h.uploadId, styleVersionId: h.styleVersionId, adjustments: hasAdjustments ? adjustments : null }], { employeesProcessing: true });
      await this.audit.record(
        { orgId: auth.orgId, actorUserId: auth.userId, action: 'headshot.regenerated', subjectType: 'headshot', subjectId: created.id, details: { employeeId: h.employeeId, from: h.id, version: created.variant, adjustments } },
        m,
      );
      return created;
    });
    // Its own job id per version: the first render's finished job would make a plain `<upload>-<style>` id a no-op.
    await this.headshotQueue.add(HEADSHOT_JOB.render, { headshotId: created.id }, { jobId: HeadshotQueueService.jobId(created) }).catch((e) => {
      this.logger.warn({ err: e, headshotId: created.id }, 'could not queue the regeneration now; the sweep will');
    });
    return { headshotId: created.id, employeeId: created.employeeId, state: 'queued' };
  }

  /** The employee's refused selfies, newest first: the reasons only. */
  async refusedUploads(auth: AuthContext, employeeId: string): Promise<RefusedUploadDto[]> {
    if (!(await this.repo.employeeExists(auth.orgId, employeeId))) throw new DomainError('NOT_FOUND', 'No such employee in your organisation.');
    const rows = await this.repo.refusedUploads(auth.orgId, employeeId);
    return rows.map((r) => ({ at: new Date(r.created_at).toISOString(), checks: r.checks }));
  }

  /** A rendition of a headshot of the caller's org. */
  async rendition(auth: AuthContext, headshotId: string, name: string): Promise<ImageFile> {
    return this.renditionFile({ id: headshotId, orgId: auth.orgId, ...marketingScope(auth) }, name);
  }

  /** The stored selfie of an upload of the caller's org. */
  async original(auth: AuthContext, uploadId: string): Promise<ImageFile> {
    return this.originalFile({ id: uploadId, orgId: auth.orgId });
  }

  /** A rendition (or `original`) of a headshot as a URL that works for a few minutes without the cookie. */
  async imageUrl(auth: AuthContext, headshotId: string, rendition: string): Promise<SignedImageUrlDto> {
    const h = await this.repo.headshot({ id: headshotId, orgId: auth.orgId, ...marketingScope(auth) });
    if (!h) throw headshotNotFound();
    let subject: SignedSubject;
    if (rendition === 'original') {
      if (auth.role === 'marketing') throw imageNotFound();
      await this.originalFile({ id: h.uploadId, orgId: auth.orgId });
      subject = { kind: 'original', uploadId: h.uploadId };
    } else {
      if (!h.renditions.some((r) => r.name === rendition)) throw imageNotFound();
      subject = { kind: 'rendition', headshotId: h.id, name: rendition };
    }
    const { path, expiresAt } = signImagePath(this.config.TEAMFRAME_SECRET!, subject);
    return { url: path, expiresAt: expiresAt.toISOString() };
  }

  /** Resolves a signed subject (already verified) to its file; the signature was issued after the org check. */
  async signedFile(s: SignedSubject): Promise<ImageFile> {
    return s.kind === 'rendition' ? this.renditionFile({ id: s.headshotId }, s.name) : this.originalFile({ id: s.uploadId });
  }

  private async renditionFile(where: { id: string; orgId?: string; state?: 'approved' }, name: string): Promise<ImageFile> {
    const h = await this.repo.headshot(where);
    const r = h?.renditions.find((x) => x.name === name);
    if (!h || !r) throw imageNotFound();
    const ext = r.key.slice(r.key.lastIndexOf('.') + 1);
    return { key: r.key, mime: r.mime, fileName: `headshot-${h.id.slice(0, 8)}-${r.name}.${ext}`, print: !isScreenRendition(r) };
  }

  private async originalFile(where: { id: string; orgId?: string }): Promise<ImageFile> {
    const u = await this.repo.upload(where);
    if (!u) throw imageNotFound();
    if ((await this.storage.size(u.originalKey)) === null) throw originalDeleted();
    return { key: u.originalKey, mime: 'image/jpeg', fileName: `selfie-${u.id.slice(0, 8)}.jpg` };
  }

  /**
   * Approves the in-review headshots among `ids`, in one transaction: each becomes `approved`, every
   * other version of the same employee `superseded`, the employee `approved`; one audit event each.
   */
  private async approveMany(auth: AuthContext, ids: string[], opts: { single: boolean }) {
    const skipped: BulkApproveResult['skipped'] = [];
    let error: Error | undefined;
    const approved = await this.db.transaction(async (m) => {
      const rows = await this.repo.lockHeadshots(m, auth.orgId, ids);
      const found = new Map(rows.map((h) => [h.id, h]));
      const ok: Headshot[] = [];
      const seenEmployee = new Set<string>();
      for (const id of ids) {
        const h = found.get(id);
        if (!h) {
          error = headshotNotFound();
          skipped.push({ headshotId: id, reason: 'No such headshot in your organisation.' });
        } else if (h.state !== 'in_review') {
          error = notReviewable(h.state, 'approved');
          skipped.push({ headshotId: id, reason: error.message });
        } else if (seenEmployee.has(h.employeeId)) {
          skipped.push({ headshotId: id, reason: 'Another version of this employee’s headshot is approved in the same request.' });
        } else {
          seenEmployee.add(h.employeeId);
          ok.push(h);
        }
      }
      if (ok.length === 0) return ok;
      // The rows are locked and in review, so every one of them moves.
      await this.lifecycle.approve(m, auth.orgId, ok, { userId: auth.userId, at: new Date() });
      for (const h of ok) {
        await this.audit.record(
          { orgId: auth.orgId, actorUserId: auth.userId, action: 'headshot.approved', subjectType: 'headshot', subjectId: h.id, details: { employeeId: h.employeeId, bulk: !opts.single } },
          m,
        );
      }
      return ok;
    });
    await this.mailDecision(approved.map((h) => h.id));
    return { approved: approved.length, employeeIds: approved.map((h) => h.employeeId), skipped, error };
  }

  private async lockHeadshot(m: EntityManager, auth: AuthContext, id: string): Promise<Headshot> {
    const [h] = await this.repo.lockHeadshots(m, auth.orgId, [id]);
    if (!h) throw headshotNotFound();
    return h;
  }

  private async countOnly(auth: AuthContext, q: ReviewListQuery): Promise<number> {
    return (await this.list(auth, { ...q, page: 1, pageSize: 1 })).total;
  }

  /** Queues the decision mail after the commit; the `mail` worker writes it, with retries. */
  private async mailDecision(headshotIds: string[]): Promise<void> {
    await this.mailQueue
      .addBulk(headshotIds.map((id) => ({ name: MAIL_JOB.reviewDecision, data: { headshotId: id }, opts: { jobId: `review-${id}` } })))
      .catch((err: Error) => this.logger.warn({ err, headshotIds }, 'could not queue the review mail'));
  }
}

function toItem(r: ReviewRow): ReviewItemDto {
  return {
    headshotId: r.id,
    employeeId: r.employee_id,
    uploadId: r.upload_id,
    firstName: r.first_name,
    lastName: r.last_name,
    title: r.title,
    department: r.department,
    state: r.state,
    version: r.variant,
    result: r.result_no,
    adjustments: r.adjustments,
    qualityScore: r.quality_score,
    warnings: (r.report?.warnings ?? []).map((w) => ({ code: w.code, sentence: w.message })),
    renditions: r.renditions.map((x) => x.name),
    fullSize: largest(r.renditions),
    failureReason: r.failure_reason,
    rejectionReason: r.rejection_reason,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * Marketing publishes headshots; it sees only approved ones. A headshot still in review (or rejected)
 * answers 404 to marketing, as if it did not exist.
 */
function marketingScope(auth: AuthContext): { state?: 'approved' } {
  return auth.role === 'marketing' ? { state: 'approved' } : {};
}

/**
 * The name of the rendition with the most pixels: the one HR inspects at 100 % (often the print file; a
 * TIFF or CMYK one reaches the browser as an sRGB preview with all its pixels, see print-preview.ts).
 */
function largest(renditions: readonly RenditionSize[]): string | null {
  let best: RenditionSize | null = null;
  for (const r of renditions) if (!best || r.width * r.height > best.width * best.height) best = r;
  return best?.name ?? null;
}
