import { z } from 'zod';
import { CustomFieldValuesSchema } from './custom-fields';
import { LanguageTagSchema } from './i18n/languages';

/** Where an employee is in the headshot journey, as HR filters by it. */
export const EMPLOYEE_STATUSES = ['not_invited', 'invited', 'uploaded', 'processing', 'in_review', 'approved', 'rejected'] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

// A person's name must never carry line breaks (mail headers) or control characters.
const personText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters or line breaks');

/** Exactly one address: no display name, no list, no line breaks. */
export const EmailAddressSchema = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'is not a valid email address' }));

export const EmployeeInputSchema = z.strictObject({
  email: EmailAddressSchema,
  firstName: personText(100).pipe(z.string().min(1, 'is required')),
  lastName: personText(100).pipe(z.string().min(1, 'is required')),
  title: personText(200).default(''),
  department: personText(200).default(''),
  /** Values of the org's custom fields by key; empty values are not stored. */
  customFields: CustomFieldValuesSchema.optional(),
  /** BCP 47 tag for the employee's mails and upload page; null or '' means the org's default. */
  language: LanguageTagSchema.nullable().optional(),
});
export type EmployeeInput = z.infer<typeof EmployeeInputSchema>;

// No defaults here: a patch that leaves a field out must leave it unchanged.
export const EmployeeUpdateSchema = z.strictObject({
  email: EmailAddressSchema.optional(),
  firstName: personText(100).pipe(z.string().min(1, 'is required')).optional(),
  lastName: personText(100).pipe(z.string().min(1, 'is required')).optional(),
  title: personText(200).optional(),
  department: personText(200).optional(),
  /** Only the keys given change; an empty string clears that field. */
  customFields: CustomFieldValuesSchema.optional(),
  /** null or '' clears it: the org's default language applies. */
  language: LanguageTagSchema.nullable().optional(),
});
export type EmployeeUpdate = z.infer<typeof EmployeeUpdateSchema>;

export const EMPLOYEE_SORT_FIELDS = ['lastName', 'firstName', 'email', 'department', 'title', 'status', 'createdAt'] as const;

export const EmployeeListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  sort: z.enum(EMPLOYEE_SORT_FIELDS).default('lastName'),
  order: z.enum(['asc', 'desc']).default('asc'),
  q: z.string().trim().max(200).optional(),
  department: z.string().trim().max(200).optional(),
  status: z.enum(EMPLOYEE_STATUSES).optional(),
  includeDeactivated: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type EmployeeListQuery = z.infer<typeof EmployeeListQuerySchema>;

export interface EmployeeDto {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  department: string;
  /** The org's custom fields that have a value, by key. */
  customFields: Record<string, string>;
  /** The employee's own language (BCP 47), or null when the org's default applies. */
  language: string | null;
  status: EmployeeStatus;
  deactivated: boolean;
  invitedAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ImportRowError {
  /** 1-based line in the file, header included. */
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
}

export const InviteRequestSchema = z.union([
  z.strictObject({ employeeIds: z.array(z.uuid()).min(1).max(5_000) }),
  z.strictObject({ allNotInvited: z.literal(true) }),
]);
export type InviteRequest = z.infer<typeof InviteRequestSchema>;

export interface InviteResult {
  invited: number;
  skipped: { employeeId: string; reason: string }[];
}

const inviteDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain like example.com');

/** `GET/PUT /api/org/invite-settings`. */
export const InviteSettingsSchema = z.strictObject({
  /** Invite every employee as soon as they are added (by hand, CSV or API). */
  autoInvite: z.boolean(),
  /** When not empty, invites go only to addresses in these domains (subdomains included). */
  allowedDomains: z.array(inviteDomain).max(50),
});
export type InviteSettings = z.infer<typeof InviteSettingsSchema>;

/** Someone who has not answered after every reminder: HR follows up by hand. */
export interface NeedsAttentionDto {
  employeeId: string;
  name: string;
  email: string;
  department: string;
  invitedAt: string;
  remindersSent: number;
  lastReminderAt: string | null;
}

/** A fresh personal link for HR to pass on by chat (the previous link stops working). */
export interface InviteLinkDto {
  link: string;
  expiresAt: string;
}
