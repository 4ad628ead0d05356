import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomField } from './entities/custom-field.entity';

// Definition changes take this lock exclusively, value writes share it: a field deleted while an
// employee is being saved can then never leave a value behind under a key nobody defines.
const LOCK = `hashtext('custom_field:' || $1)`;

/** The SQL of an org's custom field definitions, and of removing a field's values from its employees. */
@Injectable()
export class CustomFieldsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The org's definitions in display order. */
  list(orgId: string, m: EntityManager = this.db.manager): Promise<CustomField[]> {
    return m.getRepository(CustomField).find({ where: { orgId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  /** Shares the org's definition lock for the caller's transaction (writing employee values). */
  async lockShared(m: EntityManager, orgId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock_shared(${LOCK})`, [orgId]);
  }

  /** Holds the org's definition lock alone for the caller's transaction (changing definitions). */
  async lockExclusive(m: EntityManager, orgId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(${LOCK})`, [orgId]);
  }

  /** Inserts a definition and reads it back as stored. */
  async insert(m: EntityManager, f: Pick<CustomField, 'orgId' | 'key' | 'label' | 'showOnTeamPage' | 'position'>): Promise<CustomField> {
    const saved = await m.getRepository(CustomField).save(f);
    return m.getRepository(CustomField).findOneByOrFail({ id: saved.id });
  }

  async save(m: EntityManager, f: CustomField): Promise<void> {
    await m.getRepository(CustomField).save(f);
  }

  /** Deletes the field, its value on every employee of the org and its place in the order; returns how many values went. */
  async delete(m: EntityManager, f: CustomField): Promise<number> {
    const [, valuesRemoved] = (await m.query(
      `UPDATE employee SET custom_fields = custom_fields - $2::text, updated_at = now() WHERE org_id = $1 AND custom_fields -> $2::text IS NOT NULL`,
      [f.orgId, f.key],
    )) as [unknown, number];
    await m.getRepository(CustomField).delete({ id: f.id, orgId: f.orgId });
    await m.query(`UPDATE custom_field SET position = position - 1 WHERE org_id = $1 AND position > $2`, [f.orgId, f.position]);
    return valuesRemoved;
  }
}
