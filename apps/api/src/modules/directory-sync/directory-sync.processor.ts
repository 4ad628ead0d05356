import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_JOB, type DirectoryKind, type DirectoryPhotoPayload, type DirectoryRemovalPayload, QUEUE, QUEUE_SETTINGS } from '@teamframe/shared-types';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { isLastAttempt, RunsJob } from '../../core/queue/job-handlers';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { ConnectorError, type DirectoryConnector } from './connectors/directory-connector';
import { CONNECTORS } from './connectors';
import { DirectorySyncRepository } from './directory-sync.repository';
import { DirectorySyncService } from './directory-sync.service';

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
    private readonly repo: DirectorySyncRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: StorageService,
    private readonly sync: DirectorySyncService,
    private readonly audit: AuditService,
  ) {}

  /** After an erasure: takes the photo down where the service allows, then forgets the address. */
  @RunsJob(QUEUE.directory, DIRECTORY_JOB.removePhoto)
  async remove(job: Job<DirectoryRemovalPayload>): Promise<string> {
    const row = await this.repo.removal(job.data.removalId);
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
    await this.repo.finishRemoval(job.data.removalId, state, detail);
    await this.audit.record({ orgId: row.org_id, actorUserId: null, action: 'directory.photo_removed', subjectType: 'directory_connection', subjectId: row.connection_id, details: { kind: row.kind, result: state } });
    return state;
  }

  @RunsJob(QUEUE.directory, DIRECTORY_JOB.pushPhoto)
  async push(job: Job<DirectoryPhotoPayload>): Promise<string> {
    const { employeeId, connectionId, headshotId } = job.data;
    const row = await this.repo.push(employeeId, connectionId);
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
        await this.repo.noteRetry(employeeId, connectionId, e.message);
        throw e;
      }
      return this.finish(employeeId, connectionId, 'failed', e.message);
    }
    await this.repo.markSynced(employeeId, connectionId, headshotId);
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
    await this.repo.finishPush(employeeId, connectionId, state, detail);
    return `${state}: ${detail}`;
  }
}
