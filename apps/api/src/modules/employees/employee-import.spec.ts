import { describe, expect, it } from 'vitest';
import { parseEmployeeCsv } from './employee-import';

describe('parseEmployeeCsv', () => {
  it('reports bad emails, duplicates in the file and missing names by line', async () => {
    const csv = ['Email,First name,Last name,Title,Department', 'ana@x.test,Ana,Lima,Engineer,R&D', 'not-an-email,Bo,Ek,,', 'ANA@x.test,Ana,Again,,', 'cy@x.test,,Zed,,', 'dee@x.test,Dee,"O\'Neil",CFO,Finance'].join('\n');
    const r = await parseEmployeeCsv(csv);
    expect(r.rows).toBe(5);
    expect(r.employees[0].customFields).toEqual({});
    expect(r.employees.map((e) => e.email)).toEqual(['ana@x.test', 'dee@x.test']);
    expect(r.errors).toEqual([
      { line: 3, field: 'email', message: 'is not a valid email address' },
      { line: 4, field: 'email', message: 'duplicates line 2' },
      { line: 5, field: 'firstName', message: 'is required' },
    ]);
  });

  it('refuses a file without the needed columns, naming them', async () => {
    expect((await parseEmployeeCsv('name,phone\nAna,1')).fileError).toMatch(/missing: email, first name, last name/);
  });

  it('refuses names that would inject mail headers', async () => {
    const r = await parseEmployeeCsv('email,first name,last name\nx@x.test,"Eve\r\nBcc: all@x.test",Doe');
    expect(r.errors[0]).toMatchObject({ field: 'firstName', message: expect.stringMatching(/line breaks/) });
  });
});

describe('parseEmployeeCsv with custom fields', () => {
  const fields = [
    { key: 'pronouns', label: 'Pronouns' },
    { key: 'office', label: 'Office' },
  ];

  it('fills the custom fields whose columns are present, trimmed, with empty cells meaning "clear"', async () => {
    const r = await parseEmployeeCsv('email;first name;last name;Pronouns;Badge\nana@x.test;Ana;Lima; she/her ;B-12\nbo@x.test;Bo;Ek;;', fields);
    expect(r.errors).toEqual([]);
    expect(r.employees.map((e) => e.customFields)).toEqual([{ pronouns: 'she/her' }, { pronouns: '' }]);
  });

  it('reports too-long values and control characters by line and column, beside the built-in errors', async () => {
    const csv = ['email,first name,last name,Office,pronouns', `ana@x.test,Ana,Lima,${'x'.repeat(201)},she`, 'bad,Bo,Ek,"Oslo\tNorth",he', 'cy@x.test,Cy,Zed,Oslo,they'].join('\n');
    const r = await parseEmployeeCsv(csv, fields);
    expect(r.errors).toEqual([
      { line: 2, field: 'Office', message: 'must be at most 200 characters' },
      { line: 3, field: 'email', message: 'is not a valid email address' },
      { line: 3, field: 'Office', message: 'must not contain control characters or line breaks' },
    ]);
    expect(r.employees).toEqual([{ email: 'cy@x.test', firstName: 'Cy', lastName: 'Zed', title: '', department: '', customFields: { office: 'Oslo', pronouns: 'they' } }]);
  });
});
