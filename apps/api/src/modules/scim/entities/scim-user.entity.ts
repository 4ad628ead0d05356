import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The identity provider's names for one employee. `deletedAt`: DELETEd over SCIM (the employee is only
 * deactivated), so SCIM answers 404 for it until the same userName is provisioned again.
 */
@Entity({ name: 'scim_user' })
export class ScimUser {
  @PrimaryColumn({ name: 'employee_id', type: 'uuid' }) employeeId!: string;
  @Column({ name: 'org_id', type: 'uuid' }) orgId!: string;
  @Column({ name: 'user_name', type: 'text' }) userName!: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId!: string | null;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}
