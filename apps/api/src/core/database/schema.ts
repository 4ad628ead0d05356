// TypeORM cannot glob entities or migrations reliably once compiled, so both are listed here.
import { Foundation1764000000000 } from '../../database/migrations/1764000000000-Foundation';
import { EmployeesInvites1764000001000 } from '../../database/migrations/1764000001000-EmployeesInvites';
import { Intake1764000003000 } from '../../database/migrations/1764000003000-Intake';
import { Retention1764000005000 } from '../../database/migrations/1764000005000-Retention';
import { Brand1764000006000 } from '../../database/migrations/1764000006000-Brand';
import { InviteSettings1764000007000 } from '../../database/migrations/1764000007000-InviteSettings';
import { Campaigns1764000008000 } from '../../database/migrations/1764000008000-Campaigns';
import { CustomFields1764000009000 } from '../../database/migrations/1764000009000-CustomFields';
import { CustomField } from '../../modules/custom-fields/entities/custom-field.entity';
import { Notifications1764000010000 } from '../../database/migrations/1764000010000-Notifications';
import { NotificationPreference } from '../../modules/notifications/entities/notification-preference.entity';
import { ReviewExport1764000004000 } from '../../database/migrations/1764000004000-ReviewExport';
import { Export } from '../../modules/exports/entities/export.entity';
import { AuditEvent } from '../../modules/audit/entities/audit-event.entity';
import { Session } from '../../modules/auth/entities/session.entity';
import { Employee } from '../../modules/employees/entities/employee.entity';
import { Batch } from '../../modules/headshots/entities/batch.entity';
import { Headshot } from '../../modules/headshots/entities/headshot.entity';
import { Upload } from '../../modules/intake/entities/upload.entity';
import { Invite } from '../../modules/invites/entities/invite.entity';
import { StyleVersion } from '../../modules/styles/entities/style-version.entity';
import { Org } from '../../modules/orgs/entities/org.entity';
import { API_TOKEN_ENTITIES, API_TOKEN_MIGRATIONS } from '../../modules/api-tokens/api-tokens.registration';
import { SSO_ENTITIES, SSO_MIGRATIONS } from '../../modules/sso/sso.registration';
import { User } from '../../modules/users/entities/user.entity';

export const ENTITIES = [Org, User, AuditEvent, Session, Employee, Invite, StyleVersion, Upload, Batch, Headshot, Export, NotificationPreference, CustomField, ...SSO_ENTITIES, ...API_TOKEN_ENTITIES];
export const MIGRATIONS = [Foundation1764000000000, EmployeesInvites1764000001000, ...SSO_MIGRATIONS, Intake1764000003000, ReviewExport1764000004000, Retention1764000005000, Brand1764000006000, InviteSettings1764000007000, Campaigns1764000008000, CustomFields1764000009000, Notifications1764000010000, ...API_TOKEN_MIGRATIONS];
