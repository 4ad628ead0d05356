import { describe, expect, it } from 'vitest';
import { roleFromAttributes } from './role-mapping';

const rules = [
  { attribute: 'groups', value: 'HR', role: 'hr_admin' as const },
  { attribute: 'groups', value: 'Marketing', role: 'marketing' as const },
];

describe('roleFromAttributes', () => {
  it('takes the first matching rule, on any value of a multi-valued attribute', () => {
    expect(roleFromAttributes(rules, { groups: ['Everyone', 'Marketing', 'HR'] })).toBe('hr_admin');
    expect(roleFromAttributes(rules, { groups: ['Marketing'] })).toBe('marketing');
  });

  it('gives no role when nothing matches', () => {
    expect(roleFromAttributes(rules, { groups: ['hr'] })).toBeNull();
    expect(roleFromAttributes(rules, { department: ['HR'] })).toBeNull();
    expect(roleFromAttributes([], { groups: ['HR'] })).toBeNull();
  });
});
