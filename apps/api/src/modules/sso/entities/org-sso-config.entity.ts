import type { SsoRoleRule } from '@teamframe/shared-types';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An org's SAML identity provider and how its users sign in. One row per org, created on first save. */
@Entity({ name: 'org_sso_config' })
export class OrgSsoConfig {
  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @Column({ type: 'boolean', default: false })
  enabled!: boolean;

  @Column({ name: 'idp_entity_id', type: 'text', nullable: true })
  idpEntityId!: string | null;

  @Column({ name: 'sso_url', type: 'text', nullable: true })
  ssoUrl!: string | null;

  /** PEM certificates the IdP may sign with; two during a rotation. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  certificates!: string[];

  @Column({ name: 'allow_idp_initiated', type: 'boolean', default: false })
  allowIdpInitiated!: boolean;

  @Column({ name: 'clock_skew_sec', type: 'integer', default: 60 })
  clockSkewSec!: number;

  @Column({ name: 'role_mapping', type: 'jsonb', default: () => "'[]'::jsonb" })
  roleMapping!: SsoRoleRule[];

  @Column({ name: 'email_domains', type: 'text', array: true, default: () => "'{}'" })
  emailDomains!: string[];

  @Column({ name: 'password_login_disabled', type: 'boolean', default: false })
  passwordLoginDisabled!: boolean;

  /** Sign our AuthnRequests (HTTP-Redirect) with the org's SP key (org-sso-sp-key.entity.ts). */
  @Column({ name: 'sign_requests', type: 'boolean', default: true })
  signRequests!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
