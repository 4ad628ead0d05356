/** The roles a signed-in user of an org can hold. */
export const USER_ROLES = ['owner', 'hr_admin', 'marketing'] as const;
export type UserRole = (typeof USER_ROLES)[number];
