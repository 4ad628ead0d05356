import { Inject, Injectable } from '@nestjs/common';
import type { InvitePageDto, PhotoAcceptedDto, Translator } from '@teamframe/shared-types';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/http/domain-error';
import { employeeLanguage } from '../../core/i18n/employee-language';
import { MessageCatalogue } from '../../core/i18n/message-catalogue';
import { AuditService } from '../audit/audit.service';
import { BrandService } from '../brand/brand.service';
import type { Employee } from '../employees/entities/employee.entity';
import type { Headshot, StoredRendition } from '../headshots/entities/headshot.entity';
import { employeeRendition } from '../headshots/employee-rendition';
import { InvitesService } from '../invites/invites.service';
import { StylesService } from '../styles/styles.service';
import { consentText, CONSENT_VERSION } from './consent';
import { IntakeRepository } from './intake.repository';
import { orgSuspended } from '../orgs/org-limits.service';
import { PhotoAcceptance } from './photo-acceptance';
import { sniffPhoto } from './read-photo';
import { UploadCheckQueue } from './upload-check.queue';

const noConsent = () => new DomainError('CONFLICT', 'Accept how your photo is used before you upload it.');

/** A check's sentence and tip in the employee's language; a code the catalogue lacks keeps the engine's English. */
function localCheck(t: Translator, c: { code: string; sentence: string; tip: string }): { code: string; sentence: string; tip: string } {
  const key = `check.${c.code}`;
  return { code: c.code, sentence: t.has(`${key}.sentence`) ? t.t(`${key}.sentence`) : c.sentence, tip: t.has(`${key}.tip`) ? t.t(`${key}.tip`) : c.tip };
}

/** A stored rendition as a download: the extension follows the stored file, the name is header-safe. */
function downloadOf(r: StoredRendition, baseName: string): { key: string; mime: string; fileName: string } {
  const ext = r.key.slice(r.key.lastIndexOf('.') + 1);
  return { key: r.key, mime: r.mime, fileName: `${baseName}.${ext}`.replace(/[^A-Za-z0-9._-]/g, '_') };
}

@Injectable()
export class IntakeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: IntakeRepository,
    private readonly invites: InvitesService,
    private readonly styles: StylesService,
    private readonly audit: AuditService,
    private readonly acceptance: PhotoAcceptance,
    private readonly checks: UploadCheckQueue,
    private readonly brand: BrandService,
    private readonly catalogue: MessageCatalogue,
  ) {}

  /** The page's data in the employee's language (`acceptLanguage`: the browser's, used when the employee has none). */
  async page(token: string, acceptLanguage?: string): Promise<InvitePageDto> {
    const { employee, org, invite } = await this.resolve(token);
    const t = this.catalogue.translator(employeeLanguage(employee, org, acceptLanguage));
    const latest = await this.latestHeadshot(employee);
    const approved = latest?.state === 'approved' && employeeRendition(latest.renditions) !== undefined;
    const profile = latest?.state === 'approved' ? await this.profileRendition(latest) : undefined;
    const campaign = await this.invites.campaignOf(invite);
    // A refresh invites people whose headshot is approved: until a selfie arrives for this link, the
    // page asks for one (and still offers the current headshot).
    const status = employee.status === 'approved' && !(await this.invites.answered(invite)) ? 'invited' : employee.status;
    return {
      firstName: employee.firstName,
      language: t.locale,
      dir: t.dir,
      orgName: org.name,
      expiresAt: invite.expiresAt.toISOString(),
      consentText: consentText(t, org.name),
      consentAcceptedAt: employee.consentAcceptedAt?.toISOString() ?? null,
      status,
      dueOn: campaign?.dueOn ?? null,
      refresh: campaign?.kind === 'refresh',
      rejectionReason: employee.status === 'rejected' ? (latest?.rejectionReason ?? null) : null,
      ...(await this.repo.checkState(org.id, invite.id)),
      lastRefusal: await this.lastRefusal(employee, invite.id, t),
      logoUrl: (await this.brand.logoKey(org.id)) ? `/api/invite/${token}/logo` : null,
      headshotUrl: approved ? `/api/invite/${token}/headshot` : null,
      profilePictureUrl: profile ? `/api/invite/${token}/profile-picture` : null,
    };
  }

  /** The last refusal on this link, each check in the page's language (stored attempts keep codes and English sentences). */
  private async lastRefusal(employee: Employee, inviteId: string, t: Translator): Promise<InvitePageDto['lastRefusal']> {
    const attempt = await this.repo.lastRefusal(employee.orgId, employee.id, inviteId);
    return attempt ? attempt.checks.map((c) => localCheck(t, { ...c, tip: '' })) : null;
  }

  async acceptConsent(token: string): Promise<{ consentAcceptedAt: string }> {
    const { employee } = await this.resolve(token);
    if (!employee.consentAcceptedAt) {
      employee.consentAcceptedAt = new Date();
      employee.consentVersion = CONSENT_VERSION;
      await this.repo.recordConsent(employee, employee.consentAcceptedAt, CONSENT_VERSION);
      await this.audit.record({ orgId: employee.orgId, actorUserId: null, action: 'employee.consent_accepted', subjectType: 'employee', subjectId: employee.id, details: { version: CONSENT_VERSION } });
    }
    return { consentAcceptedAt: employee.consentAcceptedAt.toISOString() };
  }

  /** Whether the link may upload now (404 unknown, 410 expired, 409 no consent): asked before the body is read. */
  async assertCanUpload(token: string): Promise<void> {
    const { employee, org } = await this.resolve(token);
    if (org.suspendedAt) throw orgSuspended();
    if (!employee.consentAcceptedAt) throw noConsent();
  }

  /**
   * Checks a selfie and, when usable, stores it metadata-free and records it (PhotoAcceptance). An
   * `all` process checks in its own pixel threads; an `api` process holds none (issue 16): it stores
   * the selfie and a worker checks it (UploadCheckQueue). When no worker answers in time the photo is
   * kept and the answer (202, `checking`) says it will be checked; when the worker found the org's
   * storage full, that it is kept and processed once space is freed.
   * `acceptLanguage`: the browser's, for the refusal's sentences when the employee has no language of their own.
   */
  async acceptPhoto(token: string, bytes: Buffer, acceptLanguage?: string): Promise<PhotoAcceptedDto> {
    const { invite, employee, org } = await this.resolve(token);
    if (org.suspendedAt) throw orgSuspended();
    if (!employee.consentAcceptedAt) throw noConsent();
    const t = this.catalogue.translator(employeeLanguage(employee, org, acceptLanguage));
    const format = sniffPhoto(bytes);
    if (!format) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', t.t('check.notAPhoto'));
    const outcome =
      this.config.TEAMFRAME_ROLE === 'api'
        ? await this.checks.check({ orgId: org.id, employeeId: employee.id, inviteId: invite.id }, bytes, format)
        : await this.acceptance.check({ employee, org, inviteId: invite.id }, bytes);
    switch (outcome.kind) {
      case 'pending':
        return { uploadId: null, status: 'checking', checks: [], message: t.t(outcome.waitingFor === 'storage' ? 'upload.keptUntilSpace' : 'upload.checkLater') };
      // Only an `all` process gets this: it checked before keeping anything, so the employee is told at once and may send it again later.
      case 'storage-full':
        throw new DomainError('QUOTA_EXCEEDED', outcome.message);
      case 'error':
        throw new DomainError(outcome.code, outcome.message);
      case 'refused':
        // HR reads the refusal in English (the admin side); the employee in their own language.
        throw new DomainError('PHOTO_REJECTED', t.t('check.refused'), undefined, outcome.checks.map((c) => localCheck(t, c)));
      case 'accepted':
        return { uploadId: outcome.uploadId, status: outcome.status, checks: outcome.checks.map((c) => localCheck(t, c)) };
    }
  }

  /** The approved headshot of the employee behind a link, as a screen file (see employeeRendition). */
  async approvedHeadshot(token: string): Promise<{ key: string; mime: string; fileName: string }> {
    const { employee } = await this.resolve(token);
    const latest = await this.latestHeadshot(employee);
    const r = latest?.state === 'approved' ? employeeRendition(latest.renditions) : undefined;
    if (!r) throw new DomainError('NOT_FOUND', 'Your headshot is not approved yet.');
    return downloadOf(r, `headshot-${employee.firstName}-${employee.lastName}`);
  }

  /** The approved headshot's profile picture, when the style it was made with has one. */
  async approvedProfilePicture(token: string): Promise<{ key: string; mime: string; fileName: string }> {
    const { employee } = await this.resolve(token);
    const latest = await this.latestHeadshot(employee);
    const r = latest?.state === 'approved' ? await this.profileRendition(latest) : undefined;
    if (!r) throw new DomainError('NOT_FOUND', latest?.state === 'approved' ? 'Your organisation’s style has no profile picture.' : 'Your headshot is not approved yet.');
    return downloadOf(r, `profile-picture-${employee.firstName}-${employee.lastName}`);
  }

  /** The first profile-picture rendition of the style version the headshot was made with. */
  private async profileRendition(h: Headshot): Promise<StoredRendition | undefined> {
    const style = await this.styles.document(h.orgId, h.styleVersionId);
    const names = new Set(style.renditions.filter((r) => r.profile).map((r) => r.name));
    return h.renditions.find((r) => names.has(r.name));
  }

  /** The org's logo for the page behind a link. */
  async logo(token: string): Promise<string> {
    const { org } = await this.resolve(token);
    const key = await this.brand.logoKey(org.id);
    if (!key) throw new DomainError('NOT_FOUND', 'This organisation has no logo.');
    return key;
  }

  private async resolve(token: string) {
    const invite = await this.invites.findActive(token);
    const { employee, org } = await this.repo.employeeAndOrg(invite.orgId, invite.employeeId);
    return { invite, employee, org };
  }

  private latestHeadshot(employee: Employee): Promise<Headshot | null> {
    return this.repo.latestHeadshot(employee);
  }
}
