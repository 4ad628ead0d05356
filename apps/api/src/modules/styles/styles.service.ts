import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { findStylePreset, type Style, StyleSchema } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { Org } from '../orgs/entities/org.entity';
import { StyleVersion } from './entities/style-version.entity';

/** The style a new org starts with until HR designs its own. */
export const DEFAULT_PRESET = 'corporate-grey';

@Injectable()
export class StylesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The org's current style version; creates version 1 from the default preset on first use. */
  async current(orgId: string, manager: EntityManager = this.db.manager): Promise<StyleVersion> {
    const org = await manager.getRepository(Org).findOneByOrFail({ id: orgId });
    if (org.currentStyleVersionId) return manager.getRepository(StyleVersion).findOneByOrFail({ id: org.currentStyleVersionId, orgId });
    return manager.transaction(async (m) => {
      // Two first uploads at once must not create two version 1s.
      await m.query('SELECT id FROM org WHERE id = $1 FOR UPDATE', [orgId]);
      const fresh = await m.getRepository(Org).findOneByOrFail({ id: orgId });
      if (fresh.currentStyleVersionId) return m.getRepository(StyleVersion).findOneByOrFail({ id: fresh.currentStyleVersionId });
      const version = await m.getRepository(StyleVersion).save({ orgId, version: 1, document: findStylePreset(DEFAULT_PRESET)! as unknown as Record<string, unknown>, createdBy: null });
      await m.getRepository(Org).update({ id: orgId }, { currentStyleVersionId: version.id });
      return version;
    });
  }

  /** A pinned version's document, validated again: a stored style that no longer parses is a bug to see. */
  async document(orgId: string, versionId: string): Promise<Style> {
    const v = await this.db.getRepository(StyleVersion).findOneByOrFail({ id: versionId, orgId });
    return StyleSchema.parse(v.document);
  }
}
