import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { normalizeBrandImage } from '@teamframe/pipeline';
import type { BrandBackgroundDto, BrandKitDto } from '@teamframe/shared-types';
import type { AuthContext } from '../../core/auth/auth-context';
import { DomainError } from '../../core/http/domain-error';
import { DecodeGate } from '../../core/pipeline/decode-gate';
import { StorageService } from '../../core/storage/storage.service';
import { AuditService } from '../audit/audit.service';
import { OrgsRepository } from '../orgs/orgs.repository';

const BACKGROUND_NAME = /^background-[a-f0-9]{16}\.jpg$/;

/**
 * The org's brand kit: a logo (invite mails, upload page, team page), colours, background images. The
 * files are in storage; the logo's key and the colours are org columns, read through OrgsRepository.
 */
@Injectable()
export class BrandService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly decodes: DecodeGate,
  ) {}

  async kit(orgId: string): Promise<BrandKitDto> {
    const brand = await this.orgs.brand(orgId);
    return { logoUrl: brand.logoKey ? '/api/org/brand/logo' : null, colours: brand.colours };
  }

  async logoKey(orgId: string): Promise<string | null> {
    return (await this.orgs.brand(orgId)).logoKey;
  }

  async setLogo(auth: AuthContext, bytes: Buffer): Promise<BrandKitDto> {
    const image = await this.decodes.run(() => normalizeBrandImage(bytes, 'logo'));
    if (!image.ok) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', image.reason);
    const key = `org/${auth.orgId}/brand/logo.png`;
    await this.storage.put(key, image.bytes);
    await this.orgs.setLogoKey(auth.orgId, key);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'brand.logo_updated', details: { width: image.width, height: image.height } });
    return this.kit(auth.orgId);
  }

  async removeLogo(auth: AuthContext): Promise<BrandKitDto> {
    const key = await this.logoKey(auth.orgId);
    await this.orgs.setLogoKey(auth.orgId, null);
    if (key) await this.storage.delete(key);
    await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'brand.logo_removed' });
    return this.kit(auth.orgId);
  }

  async setColours(auth: AuthContext, colours: string[]): Promise<BrandKitDto> {
    await this.orgs.setBrandColours(auth.orgId, colours);
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
