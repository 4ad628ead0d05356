// What directory photo sync adds to the database schema; listed in core/database/schema.ts. Read with SQL.
import type { MigrationInterface } from 'typeorm';
import { DirectorySync1764000017300 } from '../../database/migrations/1764000017300-DirectorySync';

export const DIRECTORY_SYNC_MIGRATIONS: (new () => MigrationInterface)[] = [DirectorySync1764000017300];
