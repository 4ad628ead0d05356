import { describe, expect, it } from 'vitest';
import { mapHeader, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads comma files with quotes, escaped quotes and line breaks inside quotes', () => {
    const { rows, lines } = parseCsv('email,name\r\n"a@x.test","Smith, ""Jo"""\r\n\r\nb@x.test,"two\nlines"\n');
    expect(rows).toEqual([
      ['email', 'name'],
      ['a@x.test', 'Smith, "Jo"'],
      ['b@x.test', 'two\nlines'],
    ]);
    expect(lines).toEqual([1, 2, 4]);
  });

  it('drops a UTF-8 BOM and detects semicolons', () => {
    const { rows } = parseCsv('\ufeffE-Mail;Vorname;Nachname\nzoe@x.test;Zoë;Müller');
    expect(rows).toEqual([
      ['E-Mail', 'Vorname', 'Nachname'],
      ['zoe@x.test', 'Zoë', 'Müller'],
    ]);
  });
});

describe('mapHeader', () => {
  it('tolerates the usual header spellings', () => {
    expect(mapHeader(['E-mail Address', 'First Name', 'Surname', 'Job Title', 'Dept.', 'Notes'])).toEqual({
      email: 0,
      firstName: 1,
      lastName: 2,
      title: 3,
      department: 4,
    });
  });
});
