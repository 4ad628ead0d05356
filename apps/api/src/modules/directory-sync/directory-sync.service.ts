import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DirectoryConnectionDto, DirectoryConnectionRequest, DirectoryKind, DirectoryPersonSyncDto, DirectoryRunResult } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { SecretBox } from '../../core/crypto/secret-box';
import { DomainError } from '../../core/http/domain-error';
import { AuditService } from '../audit/audit.service';

interface ConnectionRow {
  id: string;
  kind: DirectoryKind;
  enabled: boolean;
  rendition: string;
  config: Record<string, string>;
  credentials_sealed: string | null;
  updated_at: Date;
}

/**
 * People who may be pushed: active, consent given, with an approved headshot (the newest one), and not
 * yet synced with that headshot. Nothing is ever sent for anyone outside this set.
 */
export const ELIGIBLE_SQL = `
  SELECT e.id AS employee_id, e.first_name || ' ' || e.last_name AS name, e.email, h.id AS headshot_id
    FROM employee e
    JOIN LATERAL (SELECT id FROM headshot WHERE employee_id = e.id AND org_id = e.org_id AND state = 'approved' ORDER BY reviewed_at DESC NULLS LAST LIMIT 1) h ON true
    LEFT JOIN directory_photo_sync s ON s.employee_id = e.id AND s.connection_id = $2
   WHERE e.org_id = $1 AND e.deactivated_at IS NULL AND e.consent_accepted_at IS NOT NULL
     AND (s.synced_headshot_id IS DISTINCT FROM h.id)`;

/** The org's directory connections (settings, sealed credentials) and the per-person sync state. */
@Injectable()
export class DirectorySyncService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SecretBox(config.TEAMFRAME_SECRET!, 'teamframe/directory/credentials/v1');
  }

  async list(auth: AuthContext): Promise<DirectoryConnectionDto[]> {
    const rows: ConnectionRow[] = await this.db.query(`SELECT * FROM directory_connection WHERE org_id = $1 ORDER BY kind`, [auth.orgId]);
    return rows.map(toDto);
  }

  async save(auth: AuthContext, kind: DirectoryKind, req: DirectoryConnectionRequest): Promise<DirectoryConnectionDto> {
    if (req.kind !== kind) throw new DomainError('VALIDATION_FAILED', 'The body is for another connection.', [{ path: 'kind', message: `must be ${kind}` }]);
    return this.db.transaction(async (m) => {
      const [existing]: ConnectionRow[] = await m.query(`SELECT * FROM directory_connection WHERE org_id = $1 AND kind = $2 FOR UPDATE`, [auth.orgId, kind]);
      if (!existing && !req.credentials) throw new DomainError('VALIDATION_FAILED', 'Enter the credentials to connect.', [{ path: 'credentials', message: 'is required' }]);
      const [row]: ConnectionRow[] = await m.query(
        `INSERT INTO directory_connection (org_id, kind, enabled, rendition, config) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled, rendition = EXCLUDED.rendition, config = EXCLUDED.config, updated_at = now()
         RETURNING *`,
        [auth.orgId, kind, req.enabled, req.rendition, JSON.stringify(req.config)],
      );
      if (req.credentials) {
        row.credentials_sealed = this.box.seal(JSON.stringify(req.credentials), row.id);
        await m.query(`UPDATE directory_connection SET credentials_sealed = $2 WHERE id = $1`, [row.id, row.credentials_sealed]);
      }
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'directory.connection_saved', subjectType: 'directory_connection', subjectId: row.id, details: { kind, enabled: req.enabled, credentialsChanged: Boolean(req.credentials) } }, m);
      return toDto(row);
    });
  }

  async remove(auth: AuthContext, kind: DirectoryKind): Promise<void> {
    await this.db.transaction(async (m) => {
      const [rows, deleted] = await m.query(`DELETE FROM directory_connection WHERE org_id = $1 AND kind = $2 RETURNING id`, [auth.orgId, kind]);
      if (!deleted) throw notConnected(kind);
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'directory.connection_removed', subjectType: 'directory_connection', subjectId: rows[0].id, details: { kind } }, m);
    });
  }

  /** Who would be pushed (dry run), or mark them for pushing now. */
  async run(auth: AuthContext, kind: DirectoryKind, dryRun: boolean): Promise<DirectoryRunResult> {
    const [c]: ConnectionRow[] = await this.db.query(`SELECT * FROM directory_connection WHERE org_id = $1 AND kind = $2`, [auth.orgId, kind]);
    if (!c) throw notConnected(kind);
    if (!dryRun && !c.enabled) throw new DomainError('CONFLICT', 'The connection is switched off. Switch it on first.');
    const people: { employee_id: string; name: string; email: string; headshot_id: string }[] = await this.db.query(`${ELIGIBLE_SQL} ORDER BY e.last_name, e.first_name`, [auth.orgId, c.id]);
    if (!dryRun) {
      await this.db.transaction(async (m) => {
        for (const p of people) await markPending(m, auth.orgId, p.employee_id, c.id, p.headshot_id);
        await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'directory.sync_started', subjectType: 'directory_connection', subjectId: c.id, details: { kind, people: people.length } }, m);
      });
    }
    return { dryRun, people: people.map((p) => ({ employeeId: p.employee_id, name: p.name, email: p.email })) };
  }

  async people(auth: AuthContext): Promise<DirectoryPersonSyncDto[]> {
    const rows: { employee_id: string; name: string; email: string; kind: DirectoryKind; state: DirectoryPersonSyncDto['state']; detail: string | null; synced_at: Date | null; updated_at: Date }[] = await this.db.query(
      `SELECT s.employee_id, e.first_name || ' ' || e.last_name AS name, e.email, c.kind, s.state, s.detail, s.synced_at, s.updated_at
         FROM directory_photo_sync s
         JOIN directory_connection c ON c.id = s.connection_id AND c.org_id = s.org_id
         JOIN employee e ON e.id = s.employee_id AND e.org_id = s.org_id
        WHERE s.org_id = $1 ORDER BY s.updated_at DESC LIMIT 5000`,
      [auth.orgId],
    );
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

export async function markPending(m: EntityManager, orgId: string, employeeId: string, connectionId: string, headshotId: string): Promise<void> {
  await m.query(
    `INSERT INTO directory_photo_sync (employee_id, connection_id, org_id, headshot_id, state) VALUES ($1, $2, $3, $4, 'pending')
     ON CONFLICT (employee_id, connection_id) DO UPDATE SET headshot_id = EXCLUDED.headshot_id, state = 'pending', detail = NULL, updated_at = now()`,
    [employeeId, connectionId, orgId, headshotId],
  );
}

const notConnected = (kind: DirectoryKind) => new DomainError('NOT_FOUND', `No ${kind} connection in your organisation.`);

const toDto = (r: ConnectionRow): DirectoryConnectionDto => ({ kind: r.kind, enabled: r.enabled, rendition: r.rendition, config: r.config, hasCredentials: r.credentials_sealed !== null, updatedAt: r.updated_at.toISOString() });
