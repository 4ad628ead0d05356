import { describe, expect, it } from 'vitest';
import { EmailAddressSchema, EmployeeInputSchema, EmployeeListQuerySchema, EmployeeUpdateSchema, InviteRequestSchema } from './employees';

describe('employee contracts', () => {
  it('accepts exactly one address, lower-cased', () => {
    expect(EmailAddressSchema.parse('  Ana.Lima@Example.COM ')).toBe('ana.lima@example.com');
    for (const bad of ['a@b.test, c@d.test', 'Ana <a@b.test>', 'a@b.test\r\nBcc: x@y.test', 'nope']) {
      expect(EmailAddressSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('requires names and refuses line breaks in any text field', () => {
    expect(EmployeeInputSchema.safeParse({ email: 'a@b.test', firstName: ' ', lastName: 'L' }).success).toBe(false);
    expect(EmployeeInputSchema.safeParse({ email: 'a@b.test', firstName: 'A', lastName: 'L', title: 'x\ny' }).success).toBe(false);
    expect(EmployeeInputSchema.parse({ email: 'a@b.test', firstName: 'A', lastName: 'L' })).toEqual({ email: 'a@b.test', firstName: 'A', lastName: 'L', title: '', department: '' });
  });

  it('a patch leaves out what it does not name', () => {
    expect(EmployeeUpdateSchema.parse({ title: 'CTO' })).toEqual({ title: 'CTO' });
    expect(EmployeeUpdateSchema.safeParse({ orgId: 'x' }).success).toBe(false);
  });

  it('bounds paging and allows only known sort fields', () => {
    expect(EmployeeListQuerySchema.parse({})).toMatchObject({ page: 1, pageSize: 25, sort: 'lastName', order: 'asc' });
    expect(EmployeeListQuerySchema.safeParse({ pageSize: '1000' }).success).toBe(false);
    expect(EmployeeListQuerySchema.safeParse({ sort: 'password_hash' }).success).toBe(false);
  });

  it('invites either named employees or all not yet invited', () => {
    expect(InviteRequestSchema.safeParse({ allNotInvited: true }).success).toBe(true);
    expect(InviteRequestSchema.safeParse({ employeeIds: [] }).success).toBe(false);
    expect(InviteRequestSchema.safeParse({ employeeIds: ['not-a-uuid'] }).success).toBe(false);
  });
});
