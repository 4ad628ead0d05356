import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApiTokenDto, CreateApiTokenRequest, CreatedSecretDto } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { ApiTokensRepository } from './api-tokens.repository';
import { hashBearerSecret, newBearerSecret } from './bearer-secret';
import type { ApiToken } from './entities/api-token.entity';

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
    private readonly tokens: ApiTokensRepository,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<ApiTokenDto[]> {
    return (await this.tokens.ofOrg(auth.orgId)).map(toDto);
  }

  async create(auth: AuthContext, req: CreateApiTokenRequest): Promise<CreatedSecretDto<ApiTokenDto>> {
    const { secret, hash, prefix } = newBearerSecret('tf');
    const expiresAt = new Date(Date.now() + req.expiresInDays * 86_400_000);
    const saved = await this.db.transaction(async (m) => {
      const row = await this.tokens.insert(m, { orgId: auth.orgId, name: req.name, role: req.role, tokenHash: hash, prefix, createdBy: auth.userId, expiresAt });
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'api_token.created', subjectType: 'api_token', subjectId: row.id, details: { name: req.name, role: req.role, expiresAt: expiresAt.toISOString() } }, m);
      return row;
    });
    return { item: toDto(await this.tokens.get(auth.orgId, saved.id)), secret };
  }

  async revoke(auth: AuthContext, id: string): Promise<ApiTokenDto> {
    return this.db.transaction(async (m) => {
      const t = await this.tokens.find(auth.orgId, id, m);
      if (!t) throw new DomainError('NOT_FOUND', 'No such API token in your organisation.');
      if (!t.revokedAt) {
        t.revokedAt = new Date();
        await this.tokens.revoke(m, auth.orgId, id, t.revokedAt);
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
    const t = await this.tokens.useToken(hashBearerSecret(secret));
    if (!t) return null;
    const sameMinute = t.prev !== null && Math.floor(t.prev.getTime() / 60_000) === Math.floor(t.now.getTime() / 60_000);
    if (!SAFE_METHODS.has(use.method) || !sameMinute) {
      await this.audit.record({ orgId: t.org_id, actorUserId: t.created_by, action: 'api_token.used', subjectType: 'api_token', subjectId: t.id, details: { name: t.name, method: use.method, path: use.path } });
    }
    return { userId: t.created_by, orgId: t.org_id, role: t.role, sessionId: '', apiTokenId: t.id };
  }
}
