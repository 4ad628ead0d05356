import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApiTokenDto, CreateApiTokenRequest, CreatedSecretDto, UserRole } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { hashBearerSecret, newBearerSecret } from './bearer-secret';
import { ApiToken } from './entities/api-token.entity';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const toDto = (t: ApiToken): ApiTokenDto => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/** API tokens of one org: created and revoked by owners, resolved by the SessionGuard on every bearer call. */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<ApiTokenDto[]> {
    const rows = await this.db.getRepository(ApiToken).find({ where: { orgId: auth.orgId }, order: { createdAt: 'DESC' } });
    return rows.map(toDto);
  }

  async create(auth: AuthContext, req: CreateApiTokenRequest): Promise<CreatedSecretDto<ApiTokenDto>> {
    const { secret, hash, prefix } = newBearerSecret('tf');
    const expiresAt = new Date(Date.now() + req.expiresInDays * 86_400_000);
    const saved = await this.db.transaction(async (m) => {
      const row = await m.getRepository(ApiToken).save({ orgId: auth.orgId, name: req.name, role: req.role, tokenHash: hash, prefix, createdBy: auth.userId, expiresAt });
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'api_token.created', subjectType: 'api_token', subjectId: row.id, details: { name: req.name, role: req.role, expiresAt: expiresAt.toISOString() } }, m);
      return row;
    });
    return { item: toDto(await this.db.getRepository(ApiToken).findOneByOrFail({ id: saved.id, orgId: auth.orgId })), secret };
  }

  async revoke(auth: AuthContext, id: string): Promise<ApiTokenDto> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(ApiToken);
      const t = await repo.findOneBy({ id, orgId: auth.orgId });
      if (!t) throw new DomainError('NOT_FOUND', 'No such API token in your organisation.');
      if (!t.revokedAt) {
        t.revokedAt = new Date();
        await repo.update({ id, orgId: auth.orgId }, { revokedAt: t.revokedAt });
        await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'api_token.revoked', subjectType: 'api_token', subjectId: id, details: { name: t.name } }, m);
      }
      return toDto(t);
    });
  }

  /**
   * The caller behind a bearer API token, or null when the token is unknown, revoked, expired, or its
   * creator is no longer an active owner (a token must not outlive the authority that made it).
   * Records the use: last-used time always; an audit entry for every state-changing request, and for
   * reads at most one per token per minute (a polling script would otherwise flood the log).
   */
  async resolve(secret: string, use: { method: string; path: string }): Promise<AuthContext | null> {
    const rows: { id: string; org_id: string; role: UserRole; created_by: string; name: string; prev: Date | null; now: Date }[] = await this.db.query(
      `WITH t AS (
         SELECT a.id, a.org_id, a.role, a.created_by, a.name, a.last_used_at
           FROM api_token a JOIN app_user u ON u.id = a.created_by AND u.org_id = a.org_id
          WHERE a.token_hash = $1 AND a.revoked_at IS NULL AND a.expires_at > now() AND u.disabled_at IS NULL AND u.role = 'owner'
          FOR UPDATE OF a),
       used AS (UPDATE api_token SET last_used_at = now() FROM t WHERE api_token.id = t.id
                RETURNING t.id, t.org_id, t.role, t.created_by, t.name, t.last_used_at AS prev, now() AS now)
       SELECT * FROM used`,
      [hashBearerSecret(secret)],
    );
    const t = rows[0];
    if (!t) return null;
    const sameMinute = t.prev !== null && Math.floor(t.prev.getTime() / 60_000) === Math.floor(t.now.getTime() / 60_000);
    if (!SAFE_METHODS.has(use.method) || !sameMinute) {
      await this.audit.record({ orgId: t.org_id, actorUserId: t.created_by, action: 'api_token.used', subjectType: 'api_token', subjectId: t.id, details: { name: t.name, method: use.method, path: use.path } });
    }
    return { userId: t.created_by, orgId: t.org_id, role: t.role, sessionId: '', apiTokenId: t.id };
  }
}
