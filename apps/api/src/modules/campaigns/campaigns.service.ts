import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CampaignAudience,
  type CampaignAudiencePreview,
  type CampaignCounts,
  type CampaignCreateResult,
  type CampaignCreateSchema,
  type CampaignDto,
  type CampaignMemberDto,
  type CampaignMemberQuery,
  type CampaignMemberState,
  type CampaignRemind,
  customFieldValue,
  type InviteMailPayload,
  MAX_CAMPAIGN_DAYS,
  type Page,
  QUEUE,
} from '@teamframe/shared-types';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';
import { csvRow } from '../exports/export-names';
import { InvitesService } from '../invites/invites.service';
import { queueReminderMails } from './campaign-reminders';
import { type CampaignRow, CampaignsRepository, type MemberRow } from './campaigns.repository';

type CampaignCreate = z.output<typeof CampaignCreateSchema>;

const DAY_MS = 86_400_000;

const notFound = () => new DomainError('NOT_FOUND', 'No such campaign in your organisation.');

/** HR's campaigns: who is in one, its invites, its dashboard, its end and summary. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CampaignsRepository,
    @InjectQueue(QUEUE.mail) private readonly mailQueue: Queue<InviteMailPayload>,
    private readonly invites: InvitesService,
    private readonly audit: AuditService,
    private readonly customFields: CustomFieldsService,
  ) {}

  async list(auth: AuthContext): Promise<CampaignDto[]> {
    const rows = await this.repo.list(auth.orgId);
    return Promise.all(rows.map((r) => this.toDto(r)));
  }

  async get(auth: AuthContext, id: string): Promise<CampaignDto> {
    return this.toDto(await this.row(this.db.manager, auth.orgId, id));
  }

  /** How many people an audience reaches now, and which listed addresses match nobody. */
  async previewAudience(auth: AuthContext, audience: CampaignAudience): Promise<CampaignAudiencePreview> {
    const { employees, unknownEmails } = await this.repo.resolveAudience(this.db.manager, auth.orgId, audience);
    const live = await this.invites.liveInvites(this.db.manager, auth.orgId, employees.map((e) => e.id));
    const names = employees
      .filter((e) => live.has(e.id))
      .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName))
      .map((e) => `${e.firstName} ${e.lastName}`.trim());
    return { count: employees.length, unknownEmails, liveInvites: { count: names.length, names: names.slice(0, 10) } };
  }

  /**
   * Starts a campaign: membership is fixed now, everyone in it is invited (a fresh link replacing any
   * earlier one), people who cannot be invited are kept as skipped members with the reason.
   */
  async create(auth: AuthContext, body: CampaignCreate, today = new Date()): Promise<CampaignCreateResult> {
    if (body.dueOn < today.toISOString().slice(0, 10)) {
      throw new DomainError('VALIDATION_FAILED', 'Check dueOn: the due date must be today or later.', [{ path: 'dueOn', message: 'must be today or later' }]);
    }
    // Invite links live until a week after the due day: a far-off day would make links that never expire.
    const latest = new Date(today.getTime() + MAX_CAMPAIGN_DAYS * DAY_MS).toISOString().slice(0, 10);
    if (body.dueOn > latest) {
      const message = `must be at most ${MAX_CAMPAIGN_DAYS} days from today (${latest})`;
      throw new DomainError('VALIDATION_FAILED', `Check dueOn: the due date ${message}.`, [{ path: 'dueOn', message }]);
    }
    const { campaignId, invites, skipped } = await this.db.transaction(async (m) => {
      const { employees, unknownEmails } = await this.repo.resolveAudience(m, auth.orgId, body.audience);
      if (employees.length === 0) throw new DomainError('VALIDATION_FAILED', 'Check audience: nobody in your organisation matches it.', [{ path: 'audience', message: 'matches nobody' }]);
      const id = await this.repo.insert(m, { orgId: auth.orgId, name: body.name, kind: 'manual', dueOn: body.dueOn, audience: body.audience, reminderEveryDays: body.reminderEveryDays, createdBy: auth.userId });
      // Keeping live links: those people join with the link they hold (no mail); the rest are invited.
      const kept = body.keepLiveInvites ? await this.invites.adoptLiveInvites(m, auth.orgId, employees, { id, dueOn: body.dueOn }) : new Set<string>();
      const issued = await this.invites.issue(m, auth, employees.filter((e) => !kept.has(e.id)), { id, dueOn: body.dueOn });
      await this.audit.record(
        { orgId: auth.orgId, actorUserId: auth.userId, action: 'campaign.started', subjectType: 'campaign', subjectId: id, details: { audience: body.audience.kind, members: employees.length, invited: issued.invites.length, keptLinks: kept.size, skipped: issued.skipped.length } },
        m,
      );
      return { campaignId: id, invites: issued.invites, skipped: [...unknownEmails.map((email) => ({ email, reason: 'No employee has this email address.' })), ...issued.skipped.map(({ email, reason }) => ({ email, reason }))] };
    });
    await this.invites.queueInviteMails(invites);
    return { campaign: await this.get(auth, campaignId), skipped };
  }

  async members(auth: AuthContext, id: string, q: CampaignMemberQuery): Promise<Page<CampaignMemberDto>> {
    await this.row(this.db.manager, auth.orgId, id);
    const { rows, total } = await this.repo.memberPage(id, auth.orgId, new Date(), { state: q.state, q: q.q }, q.page, q.pageSize);
    return { items: rows.map(toMemberDto), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * A reminder now, with the member's current link (no new link), to the given members or everyone
   * still missing. Members who already sent a selfie, or whose link was replaced or expired, are not
   * reminded; HR uses "copy link" for those.
   */
  async remind(auth: AuthContext, id: string, body: CampaignRemind): Promise<{ reminded: number }> {
    const campaign = await this.row(this.db.manager, auth.orgId, id);
    if (campaign.state !== 'active') throw new DomainError('CONFLICT', 'This campaign has ended.');
    const now = new Date();
    const due = await this.db.transaction(async (m) => {
      const rows = await this.repo.lockMembersToRemind(m, id, auth.orgId, now, 'employeeIds' in body ? body.employeeIds : undefined);
      await this.repo.recordReminders(m, rows, now);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'campaign.reminded', subjectType: 'campaign', subjectId: id, details: { count: rows.length } }, m);
      return rows;
    });
    await queueReminderMails(this.mailQueue, due, { scheduled: false });
    return { reminded: due.length };
  }

  /** Ends a campaign now: reminders stop, the counts are frozen as its summary. */
  async end(auth: AuthContext, id: string): Promise<CampaignDto> {
    await this.db.transaction(async (m) => {
      const campaign = await this.row(m, auth.orgId, id, true);
      if (campaign.state !== 'active') throw new DomainError('CONFLICT', 'This campaign has already ended.');
      const summary = await endCampaign(this.repo, m, auth.orgId, id, new Date());
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'campaign.ended', subjectType: 'campaign', subjectId: id, details: { ...summary } }, m);
    });
    return this.get(auth, id);
  }

  /** Every member's state in one campaign, as CSV a spreadsheet opens safely (BOM, formulas neutralised). */
  async statusCsv(auth: AuthContext, id: string): Promise<{ filename: string; body: string }> {
    const campaign = await this.row(this.db.manager, auth.orgId, id);
    const rows = await this.repo.members(id, auth.orgId, new Date());
    // Custom fields follow the department, headed by their labels, as in the employee status CSV.
    const fields = await this.customFields.definitions(auth.orgId);
    const header = ['first name', 'last name', 'email', 'title', 'department', ...fields.map((f) => f.label), 'state', 'needs attention', 'invited', 'reminders', 'last reminder', 'uploaded', 'approved', 'note'];
    const lines = rows.map((r) =>
      csvRow([
        r.first_name,
        r.last_name,
        r.email,
        r.title,
        r.department,
        ...fields.map((f) => customFieldValue(r.custom_fields, f.key)),
        r.state,
        r.needs_attention ? 'yes' : '',
        iso(r.invited_at),
        String(r.reminders_sent),
        iso(r.last_reminder_at),
        iso(r.uploaded_at),
        iso(r.approved_at),
        r.skip_reason ?? '',
      ]),
    );
    const slug = campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'campaign';
    return { filename: `${slug}-status.csv`, body: `\ufeff${csvRow(header)}${lines.join('')}` };
  }

  private async row(m: EntityManager, orgId: string, id: string, lock = false): Promise<CampaignRow> {
    const row = await this.repo.find(orgId, id, m, lock);
    if (!row) throw notFound();
    return row;
  }

  private async toDto(r: CampaignRow): Promise<CampaignDto> {
    const counts = r.summary ?? (await this.repo.counts(r.id, r.org_id, new Date()));
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      state: r.state,
      dueOn: r.due_on,
      audience: r.audience,
      reminderEveryDays: r.reminder_every_days,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by_name,
      endedAt: r.ended_at?.toISOString() ?? null,
      counts,
    };
  }
}

/** Freezes the counts as the summary and marks the campaign ended; its invites keep working. */
export async function endCampaign(repo: CampaignsRepository, m: EntityManager, orgId: string, campaignId: string, now: Date): Promise<CampaignCounts> {
  const summary = await repo.counts(campaignId, orgId, now, m);
  await repo.end(m, orgId, campaignId, now, summary);
  return summary;
}

function toMemberDto(r: MemberRow): CampaignMemberDto {
  return {
    employeeId: r.employee_id,
    name: `${r.first_name} ${r.last_name}`,
    email: r.email,
    department: r.department,
    state: r.state as CampaignMemberState,
    needsAttention: r.needs_attention,
    skipReason: r.skip_reason,
    invitedAt: iso(r.invited_at) || null,
    remindersSent: r.reminders_sent,
    lastReminderAt: iso(r.last_reminder_at) || null,
    uploadedAt: iso(r.uploaded_at) || null,
    approvedAt: iso(r.approved_at) || null,
    refusedAttempts: r.refused_attempts,
    lastRefusal: r.last_refusal,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? '';
