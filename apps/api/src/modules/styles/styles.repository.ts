import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Upload } from '../intake/entities/upload.entity';
import { StyleVersion } from './entities/style-version.entity';

/** The SQL of an org's style versions and which one is current. */
@Injectable()
export class StylesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get(orgId: string, id: string, m: EntityManager = this.db.manager): Promise<StyleVersion> {
    return m.getRepository(StyleVersion).findOneByOrFail({ id, orgId });
  }

  byNumber(orgId: string, version: number): Promise<StyleVersion | null> {
    return this.db.getRepository(StyleVersion).findOneBy({ orgId, version });
  }

  /** The org's latest 200 versions, newest first. */
  list(orgId: string): Promise<StyleVersion[]> {
    return this.db.getRepository(StyleVersion).find({ where: { orgId }, order: { version: 'DESC' }, take: 200 });
  }

  /** Saves the document as the org's next version number (call with the org locked). */
  async insertNext(m: EntityManager, orgId: string, document: Record<string, unknown>, userId: string | null): Promise<StyleVersion> {
    const [{ next }] = await m.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM style_version WHERE org_id = $1`, [orgId]);
    return m.getRepository(StyleVersion).save({ orgId, version: next, document, createdBy: userId });
  }

  /** The org's selfies among these ids (a preview job's draft names them). */
  uploads(orgId: string, ids: string[]): Promise<Upload[]> {
    return this.db.getRepository(Upload).findBy({ orgId, id: In(ids) });
  }

  /** The given selfies of the org, or without a choice the latest selfie of up to four people. */
  async previewUploads(orgId: string, uploadIds?: string[]): Promise<string[]> {
    const rows: { id: string }[] = uploadIds?.length
      ? await this.db.query(`SELECT id FROM upload WHERE org_id = $1 AND id = ANY($2)`, [orgId, uploadIds])
      : await this.db.query(`SELECT DISTINCT ON (employee_id) id, created_at FROM upload WHERE org_id = $1 ORDER BY employee_id, created_at DESC LIMIT 4`, [orgId]);
    return rows.map((r) => r.id);
  }
}
