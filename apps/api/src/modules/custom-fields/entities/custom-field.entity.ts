import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A field HR defines for every employee of the org (pronouns, office…). Values live on `employee.custom_fields`. */
@Entity({ name: 'custom_field' })
export class CustomField {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  /** Fixed once created: values, CSV columns and manifests refer to it. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'int', default: 0 })
  position!: number;

  @Column({ name: 'show_on_team_page', type: 'boolean', default: false })
  showOnTeamPage!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
