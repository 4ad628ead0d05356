import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An org's SCIM connection: one bearer token at a time (SHA-256 only) and how DELETE /Users behaves. */
@Entity({ name: 'org_scim' })
export class OrgScim {
  @PrimaryColumn({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'token_hash', type: 'text', select: false }) tokenHash!: string;
  @Column({ type: 'text' }) prefix!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  @Column({ name: 'delete_erases', type: 'boolean', default: false }) deleteErases!: boolean;
}
