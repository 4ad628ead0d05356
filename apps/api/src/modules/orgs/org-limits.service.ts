import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../core/http/domain-error';
import { OrgsRepository } from './orgs.repository';

/** The org's storage quota is reached: a kept selfie waits for space rather than go (see UploadCheckProcessor). */
export class StorageFull extends DomainError {
  constructor(message: string) {
    super('QUOTA_EXCEEDED', message);
  }
}

export const orgSuspended = () => new DomainError('ORG_SUSPENDED', 'This organisation is suspended. Ask the provider who runs Teamframe for you.');

/**
 * What the platform operator set on an org, enforced where it matters: a suspended org signs nobody in
 * and accepts no selfie; the employee and storage quotas refuse what would go over them, with the
 * numbers in the message. Quota checks lock the org row, so two requests cannot both take the last place.
 */
@Injectable()
export class OrgLimits {
  constructor(private readonly orgs: OrgsRepository) {}

  async assertActive(orgId: string, m?: EntityManager): Promise<void> {
    if (await this.orgs.isSuspended(orgId, m)) throw orgSuspended();
  }

  /** Inside the transaction that adds `adding` employees to the org. */
  async assertEmployeesFit(m: EntityManager, orgId: string, adding: number): Promise<void> {
    if (adding <= 0) return;
    const max = await this.orgs.lockEmployeeQuota(m, orgId);
    if (max === null) return;
    const n = await this.orgs.employeeCount(m, orgId);
    if (n + adding > max) {
      throw new DomainError(
        'QUOTA_EXCEEDED',
        `This organisation may have at most ${max} employees; it has ${n}, so ${adding} more do not fit. Erase people who left, or ask your provider for a larger quota.`,
      );
    }
  }

  storageUsed(orgId: string, m?: EntityManager): Promise<number> {
    return this.orgs.storageUsed(orgId, m);
  }

  /** Before storing `incoming` more bytes for the org. */
  async assertStorageFits(orgId: string, incoming: number): Promise<void> {
    const max = await this.orgs.storageQuota(orgId);
    if (max === null) return;
    const used = await this.storageUsed(orgId);
    if (used + incoming > max) {
      throw new StorageFull(`This organisation's storage is full (${mb(used)} of ${mb(max)} used). Ask HR to free space or the provider for a larger quota.`);
    }
  }

  /** Whether any byte fits under the storage quota: a selfie parked for space is worth checking again. */
  async hasStorageRoom(orgId: string): Promise<boolean> {
    const max = await this.orgs.storageQuota(orgId);
    return max === null || (await this.storageUsed(orgId)) < max;
  }
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
