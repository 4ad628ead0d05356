import { Injectable } from '@nestjs/common';
import type { InviteSettings, OrgSettings, ProcessingMode, RetentionSettings } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { Org } from './entities/org.entity';

/** Bytes an org keeps in storage, from the records of what it stored: selfies, renditions, export ZIPs. */
const STORAGE_USED_SQL = `
  SELECT (SELECT coalesce(sum(u.bytes), 0) FROM upload u WHERE u.org_id = $1 AND u.original_deleted_at IS NULL)
       + (SELECT coalesce(sum((r->>'bytes')::bigint), 0) FROM headshot h CROSS JOIN LATERAL jsonb_array_elements(h.renditions) r WHERE h.org_id = $1)
       + (SELECT coalesce(sum(x.size), 0) FROM export x WHERE x.org_id = $1 AND x.file_key IS NOT NULL) AS used`;

/** An org's retention settings with its id, as the daily enforcement reads them for every org. */
export type OrgRetention = RetentionSettings & { orgId: string };

/** What the operator's org list shows next to each org. */
export interface OrgUsageCounts {
  employees: number;
  members: number;
  /** Headshots and exports waiting with the given "paused" sentence. */
  pausedHeadshots: number;
  pausedExports: number;
}

/**
 * The one place that reads and writes the `org` row: the org itself (name, slug, quotas, suspension)
 * and each settings area's columns (general, retention, invitations, refresh cycle, exports, current style, brand). Services
 * of those areas call it; none of them writes SQL against `org`. Every method takes the caller's
 * EntityManager when it must run inside the caller's transaction.
 */
@Injectable()
export class OrgsRepository {
  constructor(private readonly db: DataSource) {}

  // --- the org itself -------------------------------------------------------------------------

  byId(id: string, m: EntityManager = this.db.manager): Promise<Org | null> {
    return m.getRepository(Org).findOneBy({ id });
  }

  bySlug(slug: string, m: EntityManager = this.db.manager): Promise<Org | null> {
    return m.getRepository(Org).findOneBy({ slug });
  }

  async name(orgId: string): Promise<string> {
    return (await this.db.getRepository(Org).findOneByOrFail({ id: orgId })).name;
  }

  /** Every org's id, in a stable order (the daily notifier walks them). */
  async ids(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM org ORDER BY id`);
    return rows.map((r) => r.id);
  }

  /** Holds the org's row for the caller's transaction: writers of one org-wide sequence (style versions) take turns. */
  async lock(m: EntityManager, orgId: string): Promise<void> {
    await m.query('SELECT id FROM org WHERE id = $1 FOR UPDATE', [orgId]);
  }

  /** Oldest first, so the operator's list is stable. */
  all(): Promise<Org[]> {
    return this.db.getRepository(Org).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  create(m: EntityManager, org: Pick<Org, 'name' | 'slug'> & Partial<Pick<Org, 'maxEmployees' | 'maxStorageBytes'>>): Promise<Org> {
    return m.getRepository(Org).save(org);
  }

  async update(m: EntityManager, id: string, changes: Partial<Pick<Org, 'name' | 'maxEmployees' | 'maxStorageBytes' | 'suspendedAt'>>): Promise<void> {
    if (Object.keys(changes).length) await m.getRepository(Org).update({ id }, changes);
  }

  /** Every row of the org goes with it (the schema cascades from org); the style pointer first, as it points back. */
  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE org SET current_style_version_id = NULL WHERE id = $1`, [id]);
    await m.query(`DELETE FROM org WHERE id = $1`, [id]);
  }

  /** A suspension signs everyone out: their sessions stop resolving at once. */
  async endSessions(m: EntityManager, orgId: string): Promise<void> {
    await m.query(`DELETE FROM session WHERE org_id = $1`, [orgId]);
  }

  async usage(orgId: string, pausedReason: string): Promise<OrgUsageCounts> {
    const [r] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM employee WHERE org_id = $1) AS employees, (SELECT count(*)::int FROM app_user WHERE org_id = $1) AS members,
              (SELECT count(*)::int FROM headshot WHERE org_id = $1 AND state = 'queued' AND failure_reason = $2) AS headshots,
              (SELECT count(*)::int FROM export WHERE org_id = $1 AND state = 'queued' AND error = $2) AS exports`,
      [orgId, pausedReason],
    );
    return { employees: r.employees, members: r.members, pausedHeadshots: r.headshots, pausedExports: r.exports };
  }

  // --- limits (set by the operator, enforced by OrgLimits) ------------------------------------

  async isSuspended(orgId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    const [org] = await m.query(`SELECT suspended_at FROM org WHERE id = $1`, [orgId]);
    return Boolean(org?.suspended_at);
  }

  /** The employee quota, with the org row locked until the caller's transaction ends (two adds cannot both take the last place). */
  async lockEmployeeQuota(m: EntityManager, orgId: string): Promise<number | null> {
    const [org] = await m.query(`SELECT max_employees FROM org WHERE id = $1 FOR UPDATE`, [orgId]);
    return org?.max_employees ?? null;
  }

  async employeeCount(m: EntityManager, orgId: string): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM employee WHERE org_id = $1`, [orgId]);
    return n;
  }

  async storageQuota(orgId: string): Promise<number | null> {
    const [org] = await this.db.query(`SELECT max_storage_bytes FROM org WHERE id = $1`, [orgId]);
    return org?.max_storage_bytes === null || org?.max_storage_bytes === undefined ? null : Number(org.max_storage_bytes);
  }

  async storageUsed(orgId: string, m: EntityManager = this.db.manager): Promise<number> {
    const [{ used }] = await m.query(STORAGE_USED_SQL, [orgId]);
    return Number(used);
  }

  // --- settings: general ----------------------------------------------------------------------

  async general(orgId: string): Promise<{ name: string; processingMode: ProcessingMode; defaultLanguage: string }> {
    const org = await this.db.getRepository(Org).findOneByOrFail({ id: orgId });
    return { name: org.name, processingMode: org.processingMode, defaultLanguage: org.defaultLanguage };
  }

  /** A left-out name or default language stays as it is. */
  async setGeneral(orgId: string, s: OrgSettings): Promise<void> {
    await this.db
      .getRepository(Org)
      .update({ id: orgId }, { processingMode: s.processingMode, ...(s.name ? { name: s.name } : {}), ...(s.defaultLanguage ? { defaultLanguage: s.defaultLanguage } : {}) });
  }

  // --- settings: retention --------------------------------------------------------------------

  async retention(orgId: string): Promise<RetentionSettings> {
    const org = await this.db.getRepository(Org).findOneByOrFail({ id: orgId });
    return toRetention(org);
  }

  async setRetention(orgId: string, s: RetentionSettings): Promise<void> {
    await this.db.getRepository(Org).update(
      { id: orgId },
      { deleteOriginalsAfterApproval: s.deleteOriginalsAfterApproval, deleteOriginalsAfterDays: s.deleteOriginalsAfterDays, deleteUnapprovedAfterDays: s.deleteUnapprovedAfterDays, exportExpiryHours: s.exportExpiryHours },
    );
  }

  /** Every org's retention, for the daily enforcement. */
  async everyRetention(): Promise<OrgRetention[]> {
    const orgs = await this.db.getRepository(Org).find({ order: { id: 'ASC' } });
    return orgs.map((o) => ({ orgId: o.id, ...toRetention(o) }));
  }

  // --- settings: invitations ------------------------------------------------------------------

  async invites(orgId: string): Promise<InviteSettings> {
    const [org] = await this.db.query(`SELECT auto_invite, invite_domains FROM org WHERE id = $1`, [orgId]);
    return { autoInvite: org.auto_invite, allowedDomains: org.invite_domains };
  }

  /**
   * auto_invite_since bounds the onboarding sweep: people added before the switch was turned on are
   * not invited behind HR's back.
   */
  async setInvites(orgId: string, s: InviteSettings): Promise<void> {
    await this.db.query(
      `UPDATE org SET auto_invite = $2, invite_domains = $3::jsonb, auto_invite_since = CASE WHEN $2 AND NOT auto_invite THEN now() WHEN $2 THEN auto_invite_since ELSE NULL END WHERE id = $1`,
      [orgId, s.autoInvite, JSON.stringify(s.allowedDomains)],
    );
  }

  /** The e-mail domains invites may go to (empty: any). */
  async inviteDomains(orgId: string, m: EntityManager = this.db.manager): Promise<string[]> {
    const [org] = await m.query(`SELECT invite_domains FROM org WHERE id = $1`, [orgId]);
    return org.invite_domains;
  }

  // --- settings: refresh cycle ----------------------------------------------------------------

  async refreshMonths(orgId: string): Promise<number | null> {
    const [org] = await this.db.query(`SELECT refresh_months FROM org WHERE id = $1`, [orgId]);
    return org.refresh_months;
  }

  async setRefreshMonths(orgId: string, months: number | null): Promise<void> {
    await this.db.query(`UPDATE org SET refresh_months = $2 WHERE id = $1`, [orgId, months]);
  }

  /** Orgs with a refresh cycle, and its length in months (the campaign scheduler's daily walk). */
  refreshCycles(): Promise<{ id: string; refresh_months: number }[]> {
    return this.db.query(`SELECT id, refresh_months FROM org WHERE refresh_months IS NOT NULL`);
  }

  // --- settings: exports ----------------------------------------------------------------------

  async marketingSeesEmails(orgId: string): Promise<boolean> {
    const [org] = await this.db.query(`SELECT marketing_sees_emails FROM org WHERE id = $1`, [orgId]);
    return org.marketing_sees_emails;
  }

  async setMarketingSeesEmails(orgId: string, allowed: boolean): Promise<void> {
    await this.db.query(`UPDATE org SET marketing_sees_emails = $2 WHERE id = $1`, [orgId, allowed]);
  }

  // --- settings: the current company style ----------------------------------------------------

  /** The id of the org's current style version, null before the first one exists. */
  async currentStyleVersionId(orgId: string, m: EntityManager = this.db.manager): Promise<string | null> {
    return (await m.getRepository(Org).findOneByOrFail({ id: orgId })).currentStyleVersionId;
  }

  async setCurrentStyleVersion(m: EntityManager, orgId: string, versionId: string): Promise<void> {
    await m.getRepository(Org).update({ id: orgId }, { currentStyleVersionId: versionId });
  }

  // --- settings: brand ------------------------------------------------------------------------

  async brand(orgId: string): Promise<{ logoKey: string | null; colours: string[] }> {
    const [org] = await this.db.query(`SELECT logo_key, brand_colours FROM org WHERE id = $1`, [orgId]);
    return { logoKey: org?.logo_key ?? null, colours: org?.brand_colours ?? [] };
  }

  async setLogoKey(orgId: string, key: string | null): Promise<void> {
    await this.db.query(`UPDATE org SET logo_key = $2 WHERE id = $1`, [orgId, key]);
  }

  async setBrandColours(orgId: string, colours: string[]): Promise<void> {
    await this.db.query(`UPDATE org SET brand_colours = $2::jsonb WHERE id = $1`, [orgId, JSON.stringify(colours)]);
  }
}

function toRetention(o: Org): RetentionSettings {
  return {
    deleteOriginalsAfterApproval: o.deleteOriginalsAfterApproval,
    deleteOriginalsAfterDays: o.deleteOriginalsAfterDays,
    deleteUnapprovedAfterDays: o.deleteUnapprovedAfterDays,
    exportExpiryHours: o.exportExpiryHours,
  };
}
