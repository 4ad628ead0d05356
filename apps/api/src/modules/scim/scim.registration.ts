// What SCIM adds to the database schema; listed in core/database/schema.ts.
import type { MigrationInterface } from 'typeorm';
import { Scim1764000017100 } from '../../database/migrations/1764000017100-Scim';
import { OrgScim } from './entities/org-scim.entity';
import { ScimGroup } from './entities/scim-group.entity';
import { ScimUser } from './entities/scim-user.entity';

export const SCIM_ENTITIES: (new () => object)[] = [OrgScim, ScimUser, ScimGroup];
export const SCIM_MIGRATIONS: (new () => MigrationInterface)[] = [Scim1764000017100];
