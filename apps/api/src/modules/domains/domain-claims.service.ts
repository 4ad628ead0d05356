import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MAINTENANCE_JOB, type OperatorDomainClaimDto, QUEUE, type ScheduledJobPayload, type SsoDomainClaimDto, type SsoDomainMailRequest } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/http/domain-error';
import { jobClock, RunsJob } from '../../core/queue/job-handlers';
import { MailService } from '../../core/mail/mail.service';
import { AuditService } from '../audit/audit.service';
import { OrgsRepository } from '../orgs/orgs.repository';
import { challengeName, challengeValue, DomainDns } from './domain-dns';
import { composeDomainVerificationMail } from './domain-verification-mail';
import { claimNotFound, dnsUnreachable, domainTakenVerified, mailCodeInvalid, recordNotFound, verificationMailNotSent } from './domains.errors';
import { DomainClaimsRepository } from './domain-claims.repository';
import type { SsoDomainClaim } from './entities/sso-domain-claim.entity';

/** How long a mailed confirmation link works. */
const MAIL_CODE_HOURS = 24;
/** A mailed proof is asked for again after this long (a DNS proof is re-checked daily instead). */
export const MAIL_PROOF_DAYS = 365;
const DAY_MS = 86_400_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const isUniqueViolation = (e: unknown) => e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === '23505';

export function toClaimDto(c: SsoDomainClaim, now = new Date()): SsoDomainClaimDto {
  const mailValid = c.mailCodeExpiresAt !== null && c.mailCodeExpiresAt > now;
  return {
    domain: c.domain,
    state: c.verifiedAt ? 'verified' : 'pending',
    verifiedBy: c.verifiedBy,
    verifiedAt: c.verifiedAt?.toISOString() ?? null,
    lastCheckedAt: c.lastCheckedAt?.toISOString() ?? null,
    lastCheckResult: c.lastCheckResult,
    dns: { name: challengeName(c.domain), value: challengeValue(c.dnsToken) },
    mailSentTo: mailValid ? c.mailSentTo : null,
  };
}

/**
 * E-mail domains an org claims for SSO discovery, and their proofs. A claim routes nobody until it is
 * verified, by a TXT record with the org's own value or by a link mailed to a role mailbox at the
 * domain; a verified domain belongs to one org (a unique index), and only the platform operator can
 * take it from that org. Every org-side query is scoped by the caller's org.
 */
@Injectable()
export class DomainClaimsService {
  private readonly logger = new Logger(DomainClaimsService.name);
  private readonly dns: DomainDns;

  constructor(
    private readonly orgs: OrgsRepository,
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: DomainClaimsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {
    this.dns = new DomainDns(config.DNS_SERVERS);
  }

  async claims(orgId: string): Promise<SsoDomainClaimDto[]> {
    return (await this.repo.ofOrg(orgId)).map((c) => toClaimDto(c));
  }

  /** Throws (400, path emailDomains) when another org holds one of `domains` verified. */
  async assertClaimable(orgId: string, domains: string[]): Promise<void> {
    if (!domains.length) return;
    const held = await this.repo.heldElsewhere(orgId, domains);
    if (held) throw new DomainError('VALIDATION_FAILED', `Check emailDomains: ${held} is verified by another organisation`, [{ path: 'emailDomains', message: `${held} is verified by another organisation` }]);
  }

  /** Makes the org's claims the list `domains`: new ones start pending, removed ones (and their proofs) go. */
  async sync(orgId: string, domains: string[]): Promise<void> {
    await this.repo.replaceAll(orgId, domains, () => randomBytes(24).toString('base64url'));
  }

  /** On demand: looks the TXT record up now; verifies the claim, or says what is missing. */
  async checkDns(auth: AuthContext, domain: string): Promise<SsoDomainClaimDto> {
    const claim = await this.find(auth.orgId, domain);
    const found = await this.lookUp(claim);
    if (found === 'unreachable') throw dnsUnreachable();
    if (found === 'missing') {
      if (claim.verifiedBy === 'dns') await this.unverify(claim, 'the TXT record is gone');
      throw recordNotFound(challengeName(domain));
    }
    if (!claim.verifiedAt) await this.verify(claim, 'dns', auth.userId);
    return toClaimDto(await this.find(auth.orgId, domain));
  }

  /** Mails a one-time confirmation link to `<mailbox>@<domain>`; only its SHA-256 is kept. */
  async sendMail(auth: AuthContext, domain: string, req: SsoDomainMailRequest): Promise<SsoDomainClaimDto> {
    const claim = await this.find(auth.orgId, domain);
    await this.assertNotHeldElsewhere(claim);
    const code = randomBytes(32).toString('base64url');
    const to = `${req.mailbox}@${domain}`;
    const orgName = await this.orgs.name(auth.orgId);
    await this.repo.update(claim.id, { mailCodeHash: sha256(code), mailCodeExpiresAt: new Date(Date.now() + MAIL_CODE_HOURS * 3_600_000), mailSentTo: to });
    const link = `${this.config.PUBLIC_URL}/api/sso/domains/confirm?code=${code}`;
    await this.mail.send(composeDomainVerificationMail({ to, domain, orgName, link, validHours: MAIL_CODE_HOURS })).catch((e: Error) => {
      this.logger.warn({ err: e, claimId: claim.id }, 'domain verification mail not sent');
      throw verificationMailNotSent();
    });
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'sso.domain_mail_sent', subjectType: 'sso_domain', subjectId: claim.id, details: { domain, mailbox: req.mailbox } });
    return toClaimDto(await this.find(auth.orgId, domain));
  }

  /** The link from the mail: whoever reads the domain's role mailbox opens it. Single use. */
  async confirmMail(code: string): Promise<{ domain: string; orgName: string }> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(code)) throw mailCodeInvalid();
    const claim = await this.repo.byMailCodeHash(sha256(code));
    if (!claim || !claim.mailCodeExpiresAt || claim.mailCodeExpiresAt <= new Date()) throw mailCodeInvalid();
    await this.repo.update(claim.id, { mailCodeHash: null, mailCodeExpiresAt: null });
    await this.verify(claim, 'mail', null);
    return { domain: claim.domain, orgName: await this.orgs.name(claim.orgId) };
  }

  @RunsJob(QUEUE.maintenance, MAINTENANCE_JOB.recheckSsoDomains)
  recheckAllJob(job: Job<ScheduledJobPayload>): Promise<{ checked: number; unverified: number }> {
    return this.recheckAll(jobClock(job));
  }

  /**
   * The daily re-check: a DNS proof whose record is gone, or a mailed proof older than a year, stops
   * routing (the org proves it again). A DNS server that does not answer changes nothing.
   */
  async recheckAll(now = new Date()): Promise<{ checked: number; unverified: number }> {
    const verified = await this.repo.verified();
    let unverified = 0;
    for (const claim of verified) {
      if (claim.verifiedBy === 'mail') {
        if (claim.verifiedAt!.getTime() + MAIL_PROOF_DAYS * DAY_MS <= now.getTime()) {
          await this.unverify(claim, `the mailed proof is older than ${MAIL_PROOF_DAYS} days`);
          unverified++;
        }
        continue;
      }
      if ((await this.lookUp(claim, now)) === 'missing') {
        await this.unverify(claim, 'the TXT record is gone');
        unverified++;
      }
    }
    return { checked: verified.length, unverified };
  }

  /** The org whose verified claim routes `domain`, or null. */
  async verifiedOrg(domain: string): Promise<string | null> {
    return (await this.repo.verifiedOrg(domain)) ?? null;
  }

  /** For the platform operator: every claim of every org. */
  async allClaims(): Promise<OperatorDomainClaimDto[]> {
    const rows = await this.repo.allWithOrg();
    return rows.map((r) => ({ domain: r.domain, orgId: r.org_id, orgName: r.name, orgSlug: r.slug, state: r.verified_at ? 'verified' : 'pending', verifiedBy: r.verified_by, verifiedAt: r.verified_at?.toISOString() ?? null, claimedAt: r.created_at.toISOString() }));
  }

  /** The operator settles a dispute: the org loses its claim (and its proof); the org's audit trail says so. */
  async release(domain: string, orgId: string): Promise<void> {
    const claim = await this.repo.find(orgId, domain);
    if (!claim) throw new DomainError('NOT_FOUND', 'This organisation has no claim to this domain.');
    await this.db.transaction(async (m) => {
      await this.repo.release(m, claim.id, orgId, domain);
      await this.audit.record({ orgId, actorUserId: null, action: 'sso.domain_released_by_operator', subjectType: 'sso_domain', subjectId: claim.id, details: { domain, wasVerified: Boolean(claim.verifiedAt) } }, m);
    });
    this.logger.log({ orgId, claimId: claim.id }, 'domain claim released by the operator');
  }

  private async find(orgId: string, domain: string): Promise<SsoDomainClaim> {
    const claim = await this.repo.find(orgId, domain);
    if (!claim) throw claimNotFound();
    return claim;
  }

  private async assertNotHeldElsewhere(claim: SsoDomainClaim): Promise<void> {
    const holder = await this.verifiedOrg(claim.domain);
    if (holder && holder !== claim.orgId) throw domainTakenVerified(claim.domain);
  }

  /** Looks the record up and stores what was found; 'found' only when it carries this org's value. */
  private async lookUp(claim: SsoDomainClaim, now = new Date()): Promise<'found' | 'missing' | 'unreachable'> {
    const answer = await this.dns.txt(challengeName(claim.domain));
    const result = answer.kind === 'unreachable' ? 'unreachable' : answer.kind === 'found' && answer.values.includes(challengeValue(claim.dnsToken)) ? 'found' : 'missing';
    await this.repo.update(claim.id, { lastCheckedAt: now, lastCheckResult: result === 'unreachable' && answer.kind === 'unreachable' ? `unreachable (${answer.reason})` : result });
    return result;
  }

  private async verify(claim: SsoDomainClaim, by: 'dns' | 'mail', actorUserId: string | null): Promise<void> {
    await this.assertNotHeldElsewhere(claim);
    try {
      await this.repo.update(claim.id, { verifiedAt: new Date(), verifiedBy: by });
    } catch (e) {
      if (isUniqueViolation(e)) throw domainTakenVerified(claim.domain);
      throw e;
    }
    await this.audit.record({ orgId: claim.orgId, actorUserId, action: 'sso.domain_verified', subjectType: 'sso_domain', subjectId: claim.id, details: { domain: claim.domain, by } });
  }

  private async unverify(claim: SsoDomainClaim, reason: string): Promise<void> {
    await this.repo.update(claim.id, { verifiedAt: null, verifiedBy: null });
    await this.audit.record({ orgId: claim.orgId, actorUserId: null, action: 'sso.domain_unverified', subjectType: 'sso_domain', subjectId: claim.id, details: { domain: claim.domain, reason } });
  }
}
