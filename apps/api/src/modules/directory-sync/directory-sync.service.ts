import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DirectoryConnectionDto, DirectoryConnectionRequest, DirectoryKind, DirectoryPersonSyncDto, DirectoryRunResult } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { SecretBox } from '../../core/crypto/secret-box';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';
import { type ConnectionRow, DirectorySyncRepository } from './directory-sync.repository';

/** The org's directory connections (settings, sealed credentials) and the per-person sync state. */
@Injectable()
export class DirectorySyncService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: DirectorySyncRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SecretBox(config.TEAMFRAME_SECRET!, 'teamframe/directory/credentials/v1');
  }

  async list(auth: AuthContext): Promise<DirectoryConnectionDto[]> {
    return (await this.repo.connections(auth.orgId)).map(toDto);
  }

  async save(auth: AuthContext, kind: DirectoryKind, req: DirectoryConnectionRequest): Promise<DirectoryConnectionDto> {
    if (req.kind !== kind) throw new DomainError('VALIDATION_FAILED', 'The body is for another connection.', [{ path: 'kind', message: `must be ${kind}` }]);
    return this.db.transaction(async (m) => {
      const existing = await this.repo.connection(auth.orgId, kind, m, true);
      if (!existing && !req.credentials) throw new DomainError('VALIDATION_FAILED', 'Enter the credentials to connect.', [{ path: 'credentials', message: 'is required' }]);
      const row = await this.repo.upsertConnection(m, auth.orgId, { kind, enabled: req.enabled, rendition: req.rendition, config: req.config });
      if (req.credentials) {
        row.credentials_sealed = this.box.seal(JSON.stringify(req.credentials), row.id);
        await this.repo.setCredentials(m, row.id, row.credentials_sealed);
      }
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'directory.connection_saved', subjectType: 'directory_connection', subjectId: row.id, details: { kind, enabled: req.enabled, credentialsChanged: Boolean(req.credentials) } }, m);
      return toDto(row);
    });
  }

  async remove(auth: AuthContext, kind: DirectoryKind): Promise<void> {
    await this.db.transaction(async (m) => {
      const id = await this.repo.deleteConnection(m, auth.orgId, kind);
      if (!id) throw notConnected(kind);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'directory.connection_removed', subjectType: 'directory_connection', subjectId: id, details: { kind } }, m);
    });
  }

  /** Who would be pushed (dry run), or mark them for pushing now. */
  async run(auth: AuthContext, kind: DirectoryKind, dryRun: boolean): Promise<DirectoryRunResult> {
    const c = await this.repo.connection(auth.orgId, kind);
    if (!c) throw notConnected(kind);
    if (!dryRun && !c.enabled) throw new DomainError('CONFLICT', 'The connection is switched off. Switch it on first.');
    const people = await this.repo.eligible(auth.orgId, c.id);
    if (!dryRun) {
      await this.db.transaction(async (m) => {
        for (const p of people) await this.repo.markPending(m, auth.orgId, p.employee_id, c.id, p.headshot_id);
        await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'directory.sync_started', subjectType: 'directory_connection', subjectId: c.id, details: { kind, people: people.length } }, m);
      });
    }
    return { dryRun, people: people.map((p) => ({ employeeId: p.employee_id, name: p.name, email: p.email })) };
  }

  async people(auth: AuthContext): Promise<DirectoryPersonSyncDto[]> {
    const rows = await this.repo.people(auth.orgId);
    return rows.map((r) => ({ employeeId: r.employee_id, name: r.name, email: r.email, kind: r.kind, state: r.state, detail: r.detail, syncedAt: r.synced_at?.toISOString() ?? null, updatedAt: r.updated_at.toISOString() }));
  }

  /** For the worker only: the credentials, opened. */
  openCredentials(connectionId: string, sealed: string): Record<string, string> {
    try {
      return JSON.parse(this.box.open(sealed, connectionId)) as Record<string, string>;
    } catch {
      throw new Error(`The credentials of directory connection ${connectionId} cannot be opened: TEAMFRAME_SECRET differs from the one they were stored with.`);
    }
  }
}

const notConnected = (kind: DirectoryKind) => new DomainError('NOT_FOUND', `No ${kind} connection in your organisation.`);

const toDto = (r: ConnectionRow): DirectoryConnectionDto => ({ kind: r.kind, enabled: r.enabled, rendition: r.rendition, config: r.config, hasCredentials: r.credentials_sealed !== null, updatedAt: r.updated_at.toISOString() });
