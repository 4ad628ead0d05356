// What SCIM adds to the database schema; listed in core/database/schema.ts. Its tables are read with SQL.
import type { MigrationInterface } from 'typeorm';
import { Scim1764000017100 } from '../../database/migrations/1764000017100-Scim';

export const SCIM_MIGRATIONS: (new () => MigrationInterface)[] = [Scim1764000017100];
