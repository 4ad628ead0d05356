// TypeORM cannot glob entities or migrations reliably once compiled, so both are listed here.
import { Foundation1764000000000 } from '../../database/migrations/1764000000000-Foundation';
import { AuditEvent } from '../../modules/audit/entities/audit-event.entity';
import { Session } from '../../modules/auth/entities/session.entity';
import { Org } from '../../modules/orgs/entities/org.entity';
import { User } from '../../modules/users/entities/user.entity';

export const ENTITIES = [Org, User, AuditEvent, Session];
export const MIGRATIONS = [Foundation1764000000000];
