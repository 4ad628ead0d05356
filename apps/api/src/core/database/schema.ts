// TypeORM cannot glob entities or migrations reliably once compiled, so both are listed here.
import { Foundation1764000000000 } from '../../database/migrations/1764000000000-Foundation';
import { EmployeesInvites1764000001000 } from '../../database/migrations/1764000001000-EmployeesInvites';
import { AuditEvent } from '../../modules/audit/entities/audit-event.entity';
import { Session } from '../../modules/auth/entities/session.entity';
import { Employee } from '../../modules/employees/entities/employee.entity';
import { Invite } from '../../modules/invites/entities/invite.entity';
import { Org } from '../../modules/orgs/entities/org.entity';
import { SSO_ENTITIES, SSO_MIGRATIONS } from '../../modules/sso/sso.registration';
import { User } from '../../modules/users/entities/user.entity';

export const ENTITIES = [Org, User, AuditEvent, Session, Employee, Invite, ...SSO_ENTITIES];
export const MIGRATIONS = [Foundation1764000000000, EmployeesInvites1764000001000, ...SSO_MIGRATIONS];
