import { describe, expect, it } from 'vitest';
import { extractCsvEmails, looksLikeEmail } from './csv-emails';

describe('CSV email extraction', () => {
  it('takes only the column headed "email", whatever its case, and reports bad values', () => {
    const csv = ['Name,EMAIL,Manager', 'Ana,ana@acme.test,boss@acme.test', 'Bo,not an address,boss@acme.test', 'Cy,,boss@acme.test', 'Dee, Dee@Acme.test ,boss@acme.test'].join('\n');
    expect(extractCsvEmails(csv)).toEqual({ emails: ['ana@acme.test', 'dee@acme.test'], source: 'column', invalid: ['not an address'] });
  });

  it('reads semicolon and tab files, a BOM, CRLF and quoted cells', () => {
    const semi = '\uFEFFFirst name;Last name;E-mail\r\n"Lima; Ana";x;"ana@acme.test"\r\nBo;"He said ""hi""";bo@acme.test\r\n';
    expect(extractCsvEmails(semi).emails).toEqual(['ana@acme.test', 'bo@acme.test']);
    const tabs = 'email\tdept\nana@acme.test\tSales\n';
    expect(extractCsvEmails(tabs)).toMatchObject({ emails: ['ana@acme.test'], source: 'column' });
  });

  it('keeps a quoted line break inside one cell', () => {
    const csv = 'email,note\nana@acme.test,"two\nlines"\nbo@acme.test,x';
    expect(extractCsvEmails(csv).emails).toEqual(['ana@acme.test', 'bo@acme.test']);
  });

  it('without an email header, takes every cell that looks like an address, once', () => {
    const csv = 'ana@acme.test,Ana\nBo,bo@acme.test\nAna@acme.test,\nmailto:cy@acme.test,something else';
    expect(extractCsvEmails(csv)).toEqual({ emails: ['ana@acme.test', 'bo@acme.test', 'cy@acme.test'], source: 'cells', invalid: [] });
    expect(extractCsvEmails('ana@acme.test\nbo@acme.test\nana@ACME.test\n').emails).toEqual(['ana@acme.test', 'bo@acme.test']);
  });

  it('returns nothing for an empty or address-free file', () => {
    expect(extractCsvEmails('')).toEqual({ emails: [], source: 'cells', invalid: [] });
    expect(extractCsvEmails('name,dept\nAna,Sales')).toEqual({ emails: [], source: 'cells', invalid: [] });
  });

  it('tells addresses from lookalikes', () => {
    expect(looksLikeEmail('a.b+c@mail.acme.co.uk')).toBe(true);
    expect(looksLikeEmail('ana@acme')).toBe(false);
    expect(looksLikeEmail('ana acme@x.com')).toBe(false);
    expect(looksLikeEmail('@acme.test')).toBe(false);
    expect(looksLikeEmail(`${'a'.repeat(250)}@x.com`)).toBe(false);
  });
});
