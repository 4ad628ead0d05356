// What API tokens add to the database schema; listed in core/database/schema.ts.
import type { MigrationInterface } from 'typeorm';
import { ApiTokens1764000017000 } from '../../database/migrations/1764000017000-ApiTokens';
import { ApiToken } from './entities/api-token.entity';

export const API_TOKEN_ENTITIES: (new () => object)[] = [ApiToken];
export const API_TOKEN_MIGRATIONS: (new () => MigrationInterface)[] = [ApiTokens1764000017000];
