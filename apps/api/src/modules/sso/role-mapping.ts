import type { SsoRoleRule, UserRole } from '@teamframe/shared-types';

/**
 * The role a new SSO user gets: the first rule whose attribute holds the value (case-sensitive,
 * as IdPs send group names; multi-valued attributes match on any value). Null when none matches.
 */
export function roleFromAttributes(rules: SsoRoleRule[], attributes: Record<string, string[]>): UserRole | null {
  for (const rule of rules) {
    if ((attributes[rule.attribute] ?? []).includes(rule.value)) return rule.role;
  }
  return null;
}
