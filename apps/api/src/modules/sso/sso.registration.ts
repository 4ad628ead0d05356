// What the SSO feature adds to the database schema; listed in core/database/schema.ts.
import type { MigrationInterface } from 'typeorm';
import { Sso1764000002000 } from '../../database/migrations/1764000002000-Sso';
import { OrgSsoConfig } from './entities/org-sso-config.entity';

export const SSO_ENTITIES: (new () => object)[] = [OrgSsoConfig];
export const SSO_MIGRATIONS: (new () => MigrationInterface)[] = [Sso1764000002000];
