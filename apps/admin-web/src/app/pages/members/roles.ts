import type { UserRole } from '@teamframe/shared-types';

/** What each role may do, in one line (issue 4, "Roles and access"). */
export const ROLE_SENTENCES: Record<UserRole, string> = {
  owner: 'Everything, including members, single sign-on and retention settings.',
  hr_admin: 'People, invites, style, batches, review and exports.',
  marketing: 'Approved headshots and exports only.',
};
