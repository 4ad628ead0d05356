// What webhooks add to the database schema; listed in core/database/schema.ts. Its tables are read with SQL.
import type { MigrationInterface } from 'typeorm';
import { Webhooks1764000017200 } from '../../database/migrations/1764000017200-Webhooks';

export const WEBHOOK_MIGRATIONS: (new () => MigrationInterface)[] = [Webhooks1764000017200];
