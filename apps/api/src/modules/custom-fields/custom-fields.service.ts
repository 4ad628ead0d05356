import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type CreateCustomFieldRequest, type CustomFieldDto, MAX_CUSTOM_FIELDS, type UpdateCustomFieldRequest } from '@teamframe/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../../core/auth/auth-context';
import { AuditService } from '../audit/audit.service';
import { columnKey } from '../employees/csv';
import { keyFor, keyProblem, reservedNameProblem } from './custom-field-names';
import { badCustomFieldName, customFieldNotFound, customFieldTaken, keyNeeded, tooManyCustomFields, unknownCustomFields } from './custom-fields.errors';
import { CustomFieldsRepository } from './custom-fields.repository';
import type { CustomField } from './entities/custom-field.entity';

export function toCustomFieldDto(f: CustomField): CustomFieldDto {
  return { id: f.id, key: f.key, label: f.label, position: f.position, showOnTeamPage: f.showOnTeamPage, createdAt: f.createdAt.toISOString() };
}

/** Throws a 400 naming every key of `values` that is not one of `fields`. */
export function assertKnownCustomFields(fields: readonly Pick<CustomFieldDto, 'key'>[], values: Record<string, string> | undefined): void {
  if (!values) return;
  const known = new Set(fields.map((f) => f.key));
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length) throw unknownCustomFields(unknown);
}

/**
 * Applies `changes` to `current`: a value sets, an empty string clears. Only non-empty values are
 * kept, so "no value" has one spelling in the database and in every export.
 */
export function mergeCustomFields(current: Record<string, string>, changes: Record<string, string> | undefined): Record<string, string> {
  // Without a prototype, a key such as `__proto__` is an ordinary entry and never an object's prototype.
  const out: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, current);
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

/** The custom fields HR defines per org. Every query is scoped by org id. */
@Injectable()
export class CustomFieldsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: CustomFieldsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The org's field definitions in display order (forms, CSV columns, manifests). */
  async definitions(orgId: string, manager: EntityManager = this.db.manager): Promise<CustomFieldDto[]> {
    const rows = await this.repo.list(orgId, manager);
    return rows.map(toCustomFieldDto);
  }

  /** Call inside the transaction that writes employee values, before reading the definitions. */
  async lockForValues(m: EntityManager, orgId: string): Promise<void> {
    await this.repo.lockShared(m, orgId);
  }

  async create(auth: AuthContext, req: CreateCustomFieldRequest): Promise<CustomFieldDto> {
    const labelIssue = reservedNameProblem(req.label);
    if (labelIssue) throw badCustomFieldName('label', req.label, labelIssue);
    const key = keyFor(req.label, req.key);
    if (!key) throw keyNeeded();
    const keyIssue = keyProblem(key);
    if (keyIssue) throw badCustomFieldName('key', key, keyIssue);
    return this.db.transaction(async (m) => {
      const fields = await this.lockedFields(m, auth.orgId);
      if (fields.length >= MAX_CUSTOM_FIELDS) throw tooManyCustomFields();
      this.assertUnambiguous(fields, null, req.label, key);
      const saved = await this.repo.insert(m, { orgId: auth.orgId, key, label: req.label, showOnTeamPage: req.showOnTeamPage, position: fields.length });
      await this.audit.record({ orgId: auth.orgId, actorUserId: auth.userId, action: 'custom_field.created', subjectType: 'custom_field', subjectId: saved.id, details: { key, label: req.label } }, m);
      return toCustomFieldDto(saved);
    });
  }

  async update(auth: AuthContext, id: string, req: UpdateCustomFieldRequest): Promise<CustomFieldDto> {
    if (req.label !== undefined) {
      const labelIssue = reservedNameProblem(req.label);
      if (labelIssue) throw badCustomFieldName('label', req.label, labelIssue);
    }
    return this.db.transaction(async (m) => {
      const fields = await this.lockedFields(m, auth.orgId);
      const field = fields.find((f) => f.id === id);
      if (!field) throw customFieldNotFound();
      const before = { label: field.label, showOnTeamPage: field.showOnTeamPage, position: field.position };
      if (req.label !== undefined && req.label !== field.label) {
        this.assertUnambiguous(fields, field.id, req.label, field.key);
        field.label = req.label;
      }
      if (req.showOnTeamPage !== undefined) field.showOnTeamPage = req.showOnTeamPage;
      const order = fields.filter((f) => f.id !== id);
      order.splice(Math.min(req.position ?? field.position, order.length), 0, field);
      for (const [i, f] of order.entries()) {
        if (f.id === id || f.position !== i) await this.repo.save(m, Object.assign(f, { position: i }));
      }
      const after = { label: field.label, showOnTeamPage: field.showOnTeamPage, position: field.position };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
      if (changed.length) {
        await this.audit.record(
          { orgId: auth.orgId, actorUserId: auth.userId, action: 'custom_field.updated', subjectType: 'custom_field', subjectId: id, details: { key: field.key, ...Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])) } },
          m,
        );
      }
      return toCustomFieldDto(field);
    });
  }

  /** Deletes the field and its value on every employee of the org, in one transaction. */
  async remove(auth: AuthContext, id: string): Promise<{ valuesRemoved: number }> {
    return this.db.transaction(async (m) => {
      const fields = await this.lockedFields(m, auth.orgId);
      const field = fields.find((f) => f.id === id);
      if (!field) throw customFieldNotFound();
      const valuesRemoved = await this.repo.delete(m, field);
      await this.audit.record(
        { orgId: auth.orgId, actorUserId: auth.userId, action: 'custom_field.deleted', subjectType: 'custom_field', subjectId: id, details: { key: field.key, label: field.label, valuesRemoved } },
        m,
      );
      return { valuesRemoved };
    });
  }

  private async lockedFields(m: EntityManager, orgId: string): Promise<CustomField[]> {
    await this.repo.lockExclusive(m, orgId);
    return this.repo.list(orgId, m);
  }

  /** CSV headers match a field by label or key, so no two fields may look alike in either. */
  private assertUnambiguous(fields: CustomField[], self: string | null, label: string, key: string): void {
    for (const f of fields) {
      if (f.id === self) continue;
      const theirs = [columnKey(f.label), columnKey(f.key)];
      if (theirs.includes(columnKey(label))) throw customFieldTaken('label', label);
      if (f.key === key || theirs.includes(columnKey(key))) throw customFieldTaken('key', key);
    }
  }
}
