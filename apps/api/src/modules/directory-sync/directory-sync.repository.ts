import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DirectoryKind, DirectoryPersonSyncDto } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredRendition } from '../headshots/entities/headshot.entity';

export interface ConnectionRow {
  id: string;
  kind: DirectoryKind;
  enabled: boolean;
  rendition: string;
  config: Record<string, string>;
  credentials_sealed: string | null;
  updated_at: Date;
}

export interface EligiblePerson {
  employee_id: string;
  name: string;
  email: string;
  headshot_id: string;
}

export interface PersonSyncRow {
  employee_id: string;
  name: string;
  email: string;
  kind: DirectoryKind;
  state: DirectoryPersonSyncDto['state'];
  detail: string | null;
  synced_at: Date | null;
  updated_at: Date;
}

/** What a push needs, read right before sending: the connection, the person's consent and the headshot's state. */
export interface PushRow {
  headshot_id: string;
  kind: DirectoryKind;
  enabled: boolean;
  rendition: string;
  config: Record<string, string>;
  credentials_sealed: string | null;
  email: string;
  consent_accepted_at: Date | null;
  deactivated_at: Date | null;
  headshot_state: string | null;
  renditions: StoredRendition[] | null;
}

export interface RemovalRow {
  org_id: string;
  email: string | null;
  kind: DirectoryKind;
  config: Record<string, string>;
  credentials_sealed: string | null;
  connection_id: string;
}

/**
 * People who may be pushed: active, consent given, with an approved headshot (the newest one), and not
 * yet synced with that headshot. Nothing is ever sent for anyone outside this set.
 */
const ELIGIBLE_SQL = `
  SELECT e.id AS employee_id, e.first_name || ' ' || e.last_name AS name, e.email, h.id AS headshot_id
    FROM employee e
    JOIN LATERAL (SELECT id FROM headshot WHERE employee_id = e.id AND org_id = e.org_id AND state = 'approved' ORDER BY reviewed_at DESC NULLS LAST LIMIT 1) h ON true
    LEFT JOIN directory_photo_sync s ON s.employee_id = e.id AND s.connection_id = $2
   WHERE e.org_id = $1 AND e.deactivated_at IS NULL AND e.consent_accepted_at IS NOT NULL
     AND (s.synced_headshot_id IS DISTINCT FROM h.id)`;

/**
 * The SQL of directory photo sync: connections (directory_connection), the per-person sync state
 * (directory_photo_sync) and removals after an erasure (directory_photo_removal, filled by a trigger).
 * Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class DirectorySyncRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  connections(orgId: string): Promise<ConnectionRow[]> {
    return this.db.query(`SELECT * FROM directory_connection WHERE org_id = $1 ORDER BY kind`, [orgId]);
  }

  /** The org's connection of this kind; `lock` holds it until the caller's transaction ends. */
  async connection(orgId: string, kind: DirectoryKind, m: EntityManager = this.db.manager, lock = false): Promise<ConnectionRow | undefined> {
    const [row]: ConnectionRow[] = await m.query(`SELECT * FROM directory_connection WHERE org_id = $1 AND kind = $2${lock ? ' FOR UPDATE' : ''}`, [orgId, kind]);
    return row;
  }

  /** Creates or changes the settings (never the credentials, see {@link setCredentials}). */
  async upsertConnection(m: EntityManager, orgId: string, c: { kind: DirectoryKind; enabled: boolean; rendition: string; config: Record<string, string> }): Promise<ConnectionRow> {
    const [row]: ConnectionRow[] = await m.query(
      `INSERT INTO directory_connection (org_id, kind, enabled, rendition, config) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled, rendition = EXCLUDED.rendition, config = EXCLUDED.config, updated_at = now()
       RETURNING *`,
      [orgId, c.kind, c.enabled, c.rendition, JSON.stringify(c.config)],
    );
    return row;
  }

  async setCredentials(m: EntityManager, connectionId: string, sealed: string): Promise<void> {
    await m.query(`UPDATE directory_connection SET credentials_sealed = $2 WHERE id = $1`, [connectionId, sealed]);
  }

  /** The removed connection's id, or undefined when there was none. */
  async deleteConnection(m: EntityManager, orgId: string, kind: DirectoryKind): Promise<string | undefined> {
    const [rows, deleted]: [{ id: string }[], number] = await m.query(`DELETE FROM directory_connection WHERE org_id = $1 AND kind = $2 RETURNING id`, [orgId, kind]);
    return deleted ? rows[0].id : undefined;
  }

  eligible(orgId: string, connectionId: string): Promise<EligiblePerson[]> {
    return this.db.query(`${ELIGIBLE_SQL} ORDER BY e.last_name, e.first_name`, [orgId, connectionId]);
  }

  async markPending(m: EntityManager, orgId: string, employeeId: string, connectionId: string, headshotId: string): Promise<void> {
    await m.query(
      `INSERT INTO directory_photo_sync (employee_id, connection_id, org_id, headshot_id, state) VALUES ($1, $2, $3, $4, 'pending')
       ON CONFLICT (employee_id, connection_id) DO UPDATE SET headshot_id = EXCLUDED.headshot_id, state = 'pending', detail = NULL, updated_at = now()`,
      [employeeId, connectionId, orgId, headshotId],
    );
  }

  /** After an approval, in its transaction: the headshot is to be pushed to every enabled, connected directory of the org. */
  async markPendingEverywhere(m: EntityManager, orgId: string, employeeId: string, headshotId: string): Promise<void> {
    await m.query(
      `INSERT INTO directory_photo_sync (employee_id, connection_id, org_id, headshot_id, state)
       SELECT $2, c.id, $1, $3, 'pending' FROM directory_connection c WHERE c.org_id = $1 AND c.enabled AND c.credentials_sealed IS NOT NULL
       ON CONFLICT (employee_id, connection_id) DO UPDATE SET headshot_id = EXCLUDED.headshot_id, state = 'pending', detail = NULL, updated_at = now()`,
      [orgId, employeeId, headshotId],
    );
  }

  people(orgId: string): Promise<PersonSyncRow[]> {
    return this.db.query(
      `SELECT s.employee_id, e.first_name || ' ' || e.last_name AS name, e.email, c.kind, s.state, s.detail, s.synced_at, s.updated_at
         FROM directory_photo_sync s
         JOIN directory_connection c ON c.id = s.connection_id AND c.org_id = s.org_id
         JOIN employee e ON e.id = s.employee_id AND e.org_id = s.org_id
        WHERE s.org_id = $1 ORDER BY s.updated_at DESC LIMIT 5000`,
      [orgId],
    );
  }

  /** Claims up to `limit` pending pushes (SKIP LOCKED); `marked` is when the row was marked, in epoch ms. */
  claimPendingPushes(m: EntityManager, limit: number): Promise<{ employee_id: string; connection_id: string; headshot_id: string; marked: string }[]> {
    return m.query(
      `SELECT employee_id, connection_id, headshot_id, (extract(epoch FROM updated_at) * 1000)::bigint::text AS marked
         FROM directory_photo_sync WHERE state = 'pending' ORDER BY updated_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
    );
  }

  async markQueued(m: EntityManager, employeeId: string, connectionId: string): Promise<void> {
    await m.query(`UPDATE directory_photo_sync SET state = 'queued', updated_at = now() WHERE employee_id = $1 AND connection_id = $2`, [employeeId, connectionId]);
  }

  async push(employeeId: string, connectionId: string): Promise<PushRow | undefined> {
    const [row]: PushRow[] = await this.db.query(
      `SELECT s.headshot_id, c.kind, c.enabled, c.rendition, c.config, c.credentials_sealed, e.email, e.consent_accepted_at, e.deactivated_at, h.state AS headshot_state, h.renditions
         FROM directory_photo_sync s
         JOIN directory_connection c ON c.id = s.connection_id AND c.org_id = s.org_id
         JOIN employee e ON e.id = s.employee_id AND e.org_id = s.org_id
         LEFT JOIN headshot h ON h.id = s.headshot_id AND h.org_id = s.org_id
        WHERE s.employee_id = $1 AND s.connection_id = $2`,
      [employeeId, connectionId],
    );
    return row;
  }

  /** A retryable failure: the person's row says why while BullMQ waits to try again. */
  async noteRetry(employeeId: string, connectionId: string, detail: string): Promise<void> {
    await this.db.query(`UPDATE directory_photo_sync SET detail = $3, updated_at = now() WHERE employee_id = $1 AND connection_id = $2`, [employeeId, connectionId, detail]);
  }

  /** Synced, unless a newer headshot was marked meanwhile. */
  async markSynced(employeeId: string, connectionId: string, headshotId: string): Promise<void> {
    await this.db.query(
      `UPDATE directory_photo_sync SET state = 'synced', detail = NULL, synced_headshot_id = headshot_id, synced_at = now(), updated_at = now() WHERE employee_id = $1 AND connection_id = $2 AND headshot_id = $3`,
      [employeeId, connectionId, headshotId],
    );
  }

  async finishPush(employeeId: string, connectionId: string, state: 'skipped' | 'failed', detail: string): Promise<void> {
    await this.db.query(`UPDATE directory_photo_sync SET state = $3, detail = $4, updated_at = now() WHERE employee_id = $1 AND connection_id = $2`, [employeeId, connectionId, state, detail]);
  }

  /** Claims up to `limit` pending removals (SKIP LOCKED) and marks them queued in the caller's transaction. */
  async claimPendingRemovals(m: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM directory_photo_removal WHERE state = 'pending' ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
    return rows.map((r) => r.id);
  }

  async markRemovalsQueued(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(`UPDATE directory_photo_removal SET state = 'queued', updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async removal(removalId: string): Promise<RemovalRow | undefined> {
    const [row]: RemovalRow[] = await this.db.query(
      `SELECT r.org_id, r.email, c.kind, c.config, c.credentials_sealed, c.id AS connection_id FROM directory_photo_removal r JOIN directory_connection c ON c.id = r.connection_id AND c.org_id = r.org_id WHERE r.id = $1`,
      [removalId],
    );
    return row;
  }

  /** The removal was tried: its outcome stays, the e-mail address goes. */
  async finishRemoval(removalId: string, state: 'done' | 'failed' | 'unsupported', detail: string | null): Promise<void> {
    await this.db.query(`UPDATE directory_photo_removal SET state = $2, detail = $3, email = NULL, updated_at = now() WHERE id = $1`, [removalId, state, detail]);
  }
}
