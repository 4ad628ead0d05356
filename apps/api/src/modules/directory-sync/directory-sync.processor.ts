import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DIRECTORY_JOB, type DirectoryKind, type DirectoryPhotoPayload, type DirectoryRemovalPayload, QUEUE, QUEUE_SETTINGS } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { isLastAttempt, RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import type { StoredRendition } from '../headshots/entities/headshot.entity';
import { ConnectorError, type DirectoryConnector } from './connectors/directory-connector';
import { CONNECTORS } from './connectors';
import { DirectorySyncService } from './directory-sync.service';

interface PushRow {
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

/**
 * Pushes one person's approved headshot to one directory. Consent, the headshot's approval and the
 * connection are checked again right before sending; the outcome lands on the person's sync row.
 * Throttling and 5xx are retried inside the attempt (Retry-After) and then by BullMQ with back-off.
 */
@Injectable()
export class DirectorySyncProcessor {
  /** One connector per connection and process, so access tokens (and BambooHR's directory) are reused across jobs. */
  private readonly connectors = new Map<string, { version: string; connector: DirectoryConnector }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    private readonly sync: DirectorySyncService,
    private readonly audit: AuditService,
  ) {}

  /** After an erasure: takes the photo down where the service allows, then forgets the address. */
  @RunsJob(QUEUE.directory, DIRECTORY_JOB.removePhoto)
  async remove(job: Job<DirectoryRemovalPayload>): Promise<string> {
    const [row]: { org_id: string; email: string | null; kind: DirectoryKind; config: Record<string, string>; credentials_sealed: string | null; connection_id: string }[] = await this.db.query(
      `SELECT r.org_id, r.email, c.kind, c.config, c.credentials_sealed, c.id AS connection_id FROM directory_photo_removal r JOIN directory_connection c ON c.id = r.connection_id AND c.org_id = r.org_id WHERE r.id = $1`,
      [job.data.removalId],
    );
    if (!row?.email || !row.credentials_sealed) return 'nothing to remove';
    const connector = this.connector(row.connection_id, row.kind, row.config, row.credentials_sealed);
    let state: 'done' | 'failed' | 'unsupported' = 'done';
    let detail: string | null = null;
    if (!connector.removePhoto) {
      state = 'unsupported';
      detail = `The ${row.kind} API cannot remove a photo: remove it there by hand.`;
    } else {
      try {
        await connector.removePhoto({ email: row.email });
      } catch (e) {
        if (!(e instanceof ConnectorError)) throw e;
        if (e.retryable && !isLastAttempt(job, QUEUE_SETTINGS.directory.attempts)) throw e;
        state = 'failed';
        detail = e.message;
      }
    }
    await this.db.query(`UPDATE directory_photo_removal SET state = $2, detail = $3, email = NULL, updated_at = now() WHERE id = $1`, [job.data.removalId, state, detail]);
    await this.audit.record({ orgId: row.org_id, actorUserId: null, action: 'directory.photo_removed', subjectType: 'directory_connection', subjectId: row.connection_id, details: { kind: row.kind, result: state } });
    return state;
  }

  @RunsJob(QUEUE.directory, DIRECTORY_JOB.pushPhoto)
  async push(job: Job<DirectoryPhotoPayload>): Promise<string> {
    const { employeeId, connectionId, headshotId } = job.data;
    const [row]: PushRow[] = await this.db.query(
      `SELECT s.headshot_id, c.kind, c.enabled, c.rendition, c.config, c.credentials_sealed, e.email, e.consent_accepted_at, e.deactivated_at, h.state AS headshot_state, h.renditions
         FROM directory_photo_sync s
         JOIN directory_connection c ON c.id = s.connection_id AND c.org_id = s.org_id
         JOIN employee e ON e.id = s.employee_id AND e.org_id = s.org_id
         LEFT JOIN headshot h ON h.id = s.headshot_id AND h.org_id = s.org_id
        WHERE s.employee_id = $1 AND s.connection_id = $2`,
      [employeeId, connectionId],
    );
    if (!row) return 'person or connection gone';
    if (row.headshot_id !== headshotId) return 'superseded by a newer headshot';
    const skip = !row.enabled
      ? 'The connection is switched off.'
      : !row.credentials_sealed
        ? 'The connection has no credentials.'
        : row.deactivated_at
          ? 'The employee is deactivated.'
          : !row.consent_accepted_at
            ? 'The employee has not consented to the use of their photo.'
            : row.headshot_state !== 'approved'
              ? 'The headshot is no longer approved.'
              : null;
    if (skip) return this.finish(employeeId, connectionId, 'skipped', skip);
    const rendition = (row.renditions ?? []).find((r) => r.name === row.rendition);
    if (!rendition) return this.finish(employeeId, connectionId, 'failed', `The headshot has no rendition named “${row.rendition}”. Choose one of the company style’s renditions.`);
    if (rendition.mime !== 'image/jpeg') return this.finish(employeeId, connectionId, 'failed', `The rendition “${rendition.name}” is ${rendition.format}; directories take JPEG. Choose a JPEG rendition.`);
    if (rendition.colourSpace === 'cmyk') return this.finish(employeeId, connectionId, 'failed', `The rendition “${rendition.name}” is a CMYK print file; directories show sRGB. Choose a screen JPEG rendition.`);

    const connector = this.connector(connectionId, row.kind, row.config, row.credentials_sealed!);
    try {
      await connector.pushPhoto({ email: row.email }, { jpeg: await this.storage.read(rendition.key), width: rendition.width, height: rendition.height });
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e;
      const last = isLastAttempt(job, QUEUE_SETTINGS.directory.attempts);
      if (e.retryable && !last) {
        await this.db.query(`UPDATE directory_photo_sync SET detail = $3, updated_at = now() WHERE employee_id = $1 AND connection_id = $2`, [employeeId, connectionId, e.message]);
        throw e;
      }
      return this.finish(employeeId, connectionId, 'failed', e.message);
    }
    await this.db.query(
      `UPDATE directory_photo_sync SET state = 'synced', detail = NULL, synced_headshot_id = headshot_id, synced_at = now(), updated_at = now() WHERE employee_id = $1 AND connection_id = $2 AND headshot_id = $3`,
      [employeeId, connectionId, headshotId],
    );
    return 'synced';
  }

  /** A new connector when the connection's settings or credentials changed (the sealed value changes with them). */
  private connector(connectionId: string, kind: DirectoryKind, config: Record<string, string>, sealed: string): DirectoryConnector {
    const version = `${kind}|${JSON.stringify(config)}|${sealed}`;
    const cached = this.connectors.get(connectionId);
    if (cached?.version === version) return cached.connector;
    const connector = CONNECTORS[kind](this.config, config, this.sync.openCredentials(connectionId, sealed));
    this.connectors.set(connectionId, { version, connector });
    return connector;
  }

  private async finish(employeeId: string, connectionId: string, state: 'skipped' | 'failed', detail: string): Promise<string> {
    await this.db.query(`UPDATE directory_photo_sync SET state = $3, detail = $4, updated_at = now() WHERE employee_id = $1 AND connection_id = $2`, [employeeId, connectionId, state, detail]);
    return `${state}: ${detail}`;
  }
}
