import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../core/http/domain-error';

/** Bytes an org keeps in storage, from the records of what it stored: selfies, renditions, export ZIPs. */
const STORAGE_USED_SQL = `
  SELECT (SELECT coalesce(sum(u.bytes), 0) FROM upload u WHERE u.org_id = $1 AND u.original_deleted_at IS NULL)
       + (SELECT coalesce(sum((r->>'bytes')::bigint), 0) FROM headshot h CROSS JOIN LATERAL jsonb_array_elements(h.renditions) r WHERE h.org_id = $1)
       + (SELECT coalesce(sum(x.size), 0) FROM export x WHERE x.org_id = $1 AND x.file_key IS NOT NULL) AS used`;

export const orgSuspended = () => new DomainError('ORG_SUSPENDED', 'This organisation is suspended. Ask the provider who runs Teamframe for you.');

/**
 * What the platform operator set on an org, enforced where it matters: a suspended org signs nobody in
 * and accepts no selfie; the employee and storage quotas refuse what would go over them, with the
 * numbers in the message. Quota checks lock the org row, so two requests cannot both take the last place.
 */
@Injectable()
export class OrgLimits {
  constructor(private readonly db: DataSource) {}

  async assertActive(orgId: string, m: EntityManager = this.db.manager): Promise<void> {
    const [org] = await m.query(`SELECT suspended_at FROM org WHERE id = $1`, [orgId]);
    if (org?.suspended_at) throw orgSuspended();
  }

  /** Inside the transaction that adds `adding` employees to the org. */
  async assertEmployeesFit(m: EntityManager, orgId: string, adding: number): Promise<void> {
    if (adding <= 0) return;
    const [org] = await m.query(`SELECT max_employees FROM org WHERE id = $1 FOR UPDATE`, [orgId]);
    if (org?.max_employees === null || org?.max_employees === undefined) return;
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM employee WHERE org_id = $1`, [orgId]);
    if (n + adding > org.max_employees) {
      throw new DomainError(
        'QUOTA_EXCEEDED',
        `This organisation may have at most ${org.max_employees} employees; it has ${n}, so ${adding} more do not fit. Erase people who left, or ask your provider for a larger quota.`,
      );
    }
  }

  async storageUsed(orgId: string, m: EntityManager = this.db.manager): Promise<number> {
    const [{ used }] = await m.query(STORAGE_USED_SQL, [orgId]);
    return Number(used);
  }

  /** Before storing `incoming` more bytes for the org. */
  async assertStorageFits(orgId: string, incoming: number): Promise<void> {
    const [org] = await this.db.query(`SELECT max_storage_bytes FROM org WHERE id = $1`, [orgId]);
    if (org?.max_storage_bytes === null || org?.max_storage_bytes === undefined) return;
    const max = Number(org.max_storage_bytes);
    const used = await this.storageUsed(orgId);
    if (used + incoming > max) {
      throw new DomainError('QUOTA_EXCEEDED', `This organisation's storage is full (${mb(used)} of ${mb(max)} used). Ask HR to free space or the provider for a larger quota.`);
    }
  }
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
