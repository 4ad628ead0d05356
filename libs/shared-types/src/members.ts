import { z } from 'zod';
import { EmailAddressSchema } from './employees';
import { USER_ROLES, type UserRole } from './roles';

export interface MemberDto {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  signsInWith: ('password' | 'sso')[];
  createdAt: string;
}

export const CreateMemberSchema = z.strictObject({
  email: EmailAddressSchema,
  displayName: z.string().trim().min(1, 'is required').max(200),
  role: z.enum(USER_ROLES),
  /** Optional: without one the member can sign in only with SSO. */
  password: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
});
export type CreateMemberRequest = z.infer<typeof CreateMemberSchema>;

export const UpdateMemberSchema = z.strictObject({
  role: z.enum(USER_ROLES).optional(),
  disabled: z.boolean().optional(),
  displayName: z.string().trim().min(1, 'is required').max(200).optional(),
});
export type UpdateMemberRequest = z.infer<typeof UpdateMemberSchema>;
