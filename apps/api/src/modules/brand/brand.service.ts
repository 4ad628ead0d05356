import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normalizeBrandImage } from '@teamframe/pipeline';
import type { BrandBackgroundDto, BrandKitDto } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { DecodeGate } from '../../core/pipeline/decode-gate';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';

const BACKGROUND_NAME = /^background-[a-f0-9]{16}\.jpg$/;

/** The org's brand kit: a logo (invite mails, upload page, team page), colours, background images. */
@Injectable()
export class BrandService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly decodes: DecodeGate,
  ) {}

  async kit(orgId: string): Promise<BrandKitDto> {
    const [org] = await this.db.query(`SELECT logo_key, brand_colours FROM org WHERE id = $1`, [orgId]);
    return { logoUrl: org.logo_key ? '/api/org/brand/logo' : null, colours: org.brand_colours ?? [] };
  }

  async logoKey(orgId: string): Promise<string | null> {
    const [org] = await this.db.query(`SELECT logo_key FROM org WHERE id = $1`, [orgId]);
    return org?.logo_key ?? null;
  }

  async setLogo(auth: AuthContext, bytes: Buffer): Promise<BrandKitDto> {
    const image = await this.decodes.run(() => normalizeBrandImage(bytes, 'logo'));
    if (!image.ok) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', image.reason);
    const key = `org/${auth.orgId}/brand/logo.png`;
    await this.storage.put(key, image.bytes);
    await this.db.query(`UPDATE org SET logo_key = $2 WHERE id = $1`, [auth.orgId, key]);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'brand.logo_updated', details: { width: image.width, height: image.height } });
    return this.kit(auth.orgId);
  }

  async removeLogo(auth: AuthContext): Promise<BrandKitDto> {
    const key = await this.logoKey(auth.orgId);
    await this.db.query(`UPDATE org SET logo_key = NULL WHERE id = $1`, [auth.orgId]);
    if (key) await this.storage.delete(key);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'brand.logo_removed' });
    return this.kit(auth.orgId);
  }

  async setColours(auth: AuthContext, colours: string[]): Promise<BrandKitDto> {
    await this.db.query(`UPDATE org SET brand_colours = $2::jsonb WHERE id = $1`, [auth.orgId, JSON.stringify(colours)]);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'brand.colours_updated', details: { colours } });
    return this.kit(auth.orgId);
  }

  /** Stores a background image; its `ref` is what a style's `background.ref` names. */
  async addBackground(auth: AuthContext, bytes: Buffer): Promise<BrandBackgroundDto> {
    const image = await this.decodes.run(() => normalizeBrandImage(bytes, 'background'));
    if (!image.ok) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', image.reason);
    const name = `background-${createHash('sha256').update(image.bytes).digest('hex').slice(0, 16)}.jpg`;
    const ref = `org/${auth.orgId}/brand/${name}`;
    await this.storage.put(ref, image.bytes);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'brand.background_added', details: { ref } });
    return { ref, url: `/api/org/brand/backgrounds/${name}`, width: image.width, height: image.height };
  }

  backgroundKey(orgId: string, name: string): string {
    if (!BACKGROUND_NAME.test(name)) throw new DomainError('NOT_FOUND', 'No such brand image.');
    return `org/${orgId}/brand/${name}`;
  }
}
