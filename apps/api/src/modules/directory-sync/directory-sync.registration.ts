// What directory photo sync adds to the database schema; listed in core/database/schema.ts.
import type { MigrationInterface } from 'typeorm';
import { DirectorySync1764000017300 } from '../../database/migrations/1764000017300-DirectorySync';
import { DirectoryConnection } from './entities/directory-connection.entity';
import { DirectoryPhotoRemoval } from './entities/directory-photo-removal.entity';
import { DirectoryPhotoSync } from './entities/directory-photo-sync.entity';

export const DIRECTORY_SYNC_ENTITIES: (new () => object)[] = [DirectoryConnection, DirectoryPhotoSync, DirectoryPhotoRemoval];
export const DIRECTORY_SYNC_MIGRATIONS: (new () => MigrationInterface)[] = [DirectorySync1764000017300];
