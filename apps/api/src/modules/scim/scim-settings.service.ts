import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreatedSecretDto, ScimSettingsDto, ScimTokenDto, UpdateScimSettingsRequest } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { AuditService } from '../audit/audit.service';
import { hashBearerSecret, newBearerSecret } from '../api-tokens/bearer-secret';
import { ScimSettingsRepository } from './scim-settings.repository';

/** Who is calling over SCIM: the org, and the owner who made the token (the actor in the audit log). */
export interface ScimCaller {
  auth: AuthContext;
  deleteErases: boolean;
  baseUrl: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The org's SCIM connection: one token at a time (a new one replaces the old), and the DELETE behaviour. */
@Injectable()
export class ScimSettingsService {
  private readonly baseUrl: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: ScimSettingsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.baseUrl = `${config.PUBLIC_URL.replace(/\/$/, '')}/scim/v2`;
  }

  async get(auth: AuthContext): Promise<ScimSettingsDto> {
    const row = await this.settings.find(auth.orgId);
    const token: ScimTokenDto | null = row
      ? { id: auth.orgId, prefix: row.prefix, createdBy: row.created_by, createdAt: row.created_at.toISOString(), lastUsedAt: row.last_used_at?.toISOString() ?? null }
      : null;
    return { baseUrl: this.baseUrl, token, deleteErases: row?.delete_erases ?? false };
  }

  /** A new token; the previous one stops working in the same statement. */
  async createToken(auth: AuthContext): Promise<CreatedSecretDto<ScimSettingsDto>> {
    const { secret, hash, prefix } = newBearerSecret('tfscim');
    await this.db.transaction(async (m) => {
      await this.settings.replaceToken(m, auth.orgId, hash, prefix, auth.userId);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'scim.token_created', subjectType: 'org', subjectId: auth.orgId }, m);
    });
    return { item: await this.get(auth), secret };
  }

  async revokeToken(auth: AuthContext): Promise<ScimSettingsDto> {
    await this.db.transaction(async (m) => {
      if (await this.settings.delete(m, auth.orgId)) await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'scim.token_revoked', subjectType: 'org', subjectId: auth.orgId }, m);
    });
    return this.get(auth);
  }

  async update(auth: AuthContext, req: UpdateScimSettingsRequest): Promise<ScimSettingsDto> {
    await this.db.transaction(async (m) => {
      if (await this.settings.setDeleteErases(m, auth.orgId, req.deleteErases)) await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'scim.settings_updated', subjectType: 'org', subjectId: auth.orgId, details: { deleteErases: req.deleteErases } }, m);
    });
    return this.get(auth);
  }

  /**
   * The caller behind a SCIM token, or null. Like API tokens, it works only while the owner who made it
   * is an active owner. Uses are audited: every write, reads at most once a minute per org.
   */
  async resolve(secret: string, use: { method: string; path: string }): Promise<ScimCaller | null> {
    const t = await this.settings.useToken(hashBearerSecret(secret));
    if (!t) return null;
    const sameMinute = t.prev !== null && Math.floor(t.prev.getTime() / 60_000) === Math.floor(t.now.getTime() / 60_000);
    if (!SAFE_METHODS.has(use.method) || !sameMinute) {
      await this.audit.record({ orgId: t.org_id, actorUserId: t.created_by, action: 'scim.used', subjectType: 'org', subjectId: t.org_id, details: { method: use.method, path: use.path } });
    }
    return { auth: { userId: t.created_by, orgId: t.org_id, role: 'hr_admin', sessionId: '' }, deleteErases: t.delete_erases, baseUrl: this.baseUrl };
  }
}
