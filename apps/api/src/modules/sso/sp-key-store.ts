import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { SecretBox } from '../../core/crypto/secret-box';
import type { OrgSsoSpKey } from './entities/org-sso-sp-key.entity';
import { generateSpKeyPair, keyMatchesCertificate, type SpKeyPair } from './sp-certificate';
import { SsoRepository } from './sso.repository';

// A key of its own for this purpose: the same secret also derives invite tokens and image URLs.
const HKDF_INFO = 'teamframe/sso/sp-private-key/v1';

/**
 * The org's SP key pair, made on first need and kept in the database with the private key sealed by
 * AES-256-GCM. The org ID is the GCM additional data, so a sealed key copied to another org's row
 * does not open. The private key leaves this class only to node-saml (signing, decryption).
 */
@Injectable()
export class SpKeyStore {
  private readonly box: SecretBox;

  constructor(
    private readonly repo: SsoRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // main.ts fills TEAMFRAME_SECRET (from the env or the generated secret file) before Nest starts.
    this.box = new SecretBox(config.TEAMFRAME_SECRET!, HKDF_INFO);
  }

  /** The certificate only, for metadata and the settings page. */
  async certificate(orgId: string, orgSlug: string): Promise<string> {
    return (await this.row(orgId, orgSlug)).certificate;
  }

  async keyPair(orgId: string, orgSlug: string): Promise<SpKeyPair> {
    const row = await this.row(orgId, orgSlug);
    const privateKeyPem = this.open(row);
    return { privateKeyPem, certificatePem: row.certificate };
  }

  private async row(orgId: string, orgSlug: string): Promise<OrgSsoSpKey> {
    const existing = await this.repo.spKey(orgId);
    if (existing) return existing;
    const pair = await generateSpKeyPair(`Teamframe SAML SP ${orgSlug}`);
    // Two first requests at once: the first insert wins and both use its key.
    return this.repo.keepFirstSpKey({ orgId, certificate: pair.certificatePem, privateKeyEncrypted: this.box.seal(pair.privateKeyPem, orgId) });
  }

  private open(row: OrgSsoSpKey): string {
    try {
      const pem = this.box.open(row.privateKeyEncrypted, row.orgId);
      if (!keyMatchesCertificate(pem, row.certificate)) throw new Error('key does not match the certificate');
      return pem;
    } catch {
      // No cause attached: it could carry key material into a log line.
      throw new Error(`The SSO SP private key of org ${row.orgId} cannot be opened: TEAMFRAME_SECRET differs from the one it was stored with.`);
    }
  }
}
