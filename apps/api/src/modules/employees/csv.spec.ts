import { describe, expect, it } from 'vitest';
import { CsvLimitError, CsvReader, mapCustomColumns, mapHeader, parseCsv } from './csv';

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

describe('CsvReader', () => {
  const text = '\ufeffE-Mail;Name\r\n"a@x.test";"Smith; ""Jo"""\r\n\r\nb@x.test;"two\r\nlines"\r\nc@x.test;""\n';

  it('reads a file fed one character at a time exactly as when fed whole', () => {
    const reader = new CsvReader();
    for (const c of text) reader.push(c);
    expect(reader.end()).toEqual(parseCsv(text));
    expect(parseCsv(text).rows).toEqual([
      ['E-Mail', 'Name'],
      ['a@x.test', 'Smith; "Jo"'],
      ['b@x.test', 'two\r\nlines'],
      ['c@x.test', ''],
    ]);
  });

  const limits = { maxRows: 3, maxColumns: 3, maxCellChars: 5, maxRecordChars: 20 };
  it.each([
    ['a,b\n1,2\n3,4\n5,6\n', /more than 2 rows/, 4],
    ['a,b\n1,2,3,4\n', /line 2 has more than 3 columns/, 2],
    ['a,b\n"123456"\n', /a cell on line 2 is longer than 5 characters/, 2],
    ['a,b\n"12345","12345","12345"\n', /line 2 is longer than 20 characters/, 2],
    [',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,', /line 1 is longer than 20 characters/, 1],
  ] as const)('refuses %j at the bound it breaks', (input, message, line) => {
    const reader = new CsvReader(limits);
    let error: unknown;
    try {
      reader.push(input);
      reader.end();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvLimitError);
    expect((error as CsvLimitError).message).toMatch(message);
    expect((error as CsvLimitError).line).toBe(line);
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

describe('mapCustomColumns', () => {
  const fields = [
    { key: 'pronouns', label: 'Pronouns' },
    { key: 'office_city', label: 'Office city' },
    { key: 'team', label: 'Team' },
  ];

  it('finds a field by label or key, ignoring case, spaces and punctuation', () => {
    expect(mapCustomColumns(['Email', 'PRONOUNS', 'office_city', 'Notes'], fields)).toEqual([
      { key: 'pronouns', index: 1, header: 'PRONOUNS' },
      { key: 'office_city', index: 2, header: 'office_city' },
    ]);
    expect(mapCustomColumns(['Office-City '], fields)).toEqual([{ key: 'office_city', index: 0, header: 'Office-City' }]);
  });

  it('takes a column before the built-in alias does, so a "Team" field is not read as the department', () => {
    const header = ['email', 'first name', 'last name', 'Team'];
    const custom = mapCustomColumns(header, fields);
    expect(custom).toEqual([{ key: 'team', index: 3, header: 'Team' }]);
    expect(mapHeader(header, new Set(custom.map((c) => c.index)))).toEqual({ email: 0, firstName: 1, lastName: 2 });
    expect(mapHeader(header)).toMatchObject({ department: 3 });
  });
});
