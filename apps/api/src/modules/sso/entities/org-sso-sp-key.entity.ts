import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Our SP key pair for one org: the IdP encrypts assertions to its certificate and checks our
 * AuthnRequest signatures with it. Made on first need. The private key is stored only encrypted
 * (AES-256-GCM under a key derived from TEAMFRAME_SECRET, see sp-key-store.ts).
 */
@Entity({ name: 'org_sso_sp_key' })
export class OrgSsoSpKey {
  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @Column({ type: 'text' })
  certificate!: string;

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; never selected into an API response. */
  @Column({ name: 'private_key_encrypted', type: 'text' })
  privateKeyEncrypted!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
