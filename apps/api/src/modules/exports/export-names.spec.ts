import { describe, expect, it } from 'vitest';
import { formulaCells, readAsSpreadsheet } from '../../../test/support/spreadsheet';
import { csvCell, csvRow, fileBaseName, safeSlug, shortId, UniqueNames } from './export-names';

const SAFE = /^[A-Za-z0-9._-]+$/;
const ID = '3f2a9c1e-0b7d-4e5f-9a8b-1c2d3e4f5a6b';
const person = (firstName: string, lastName: string) => ({ id: ID, firstName, lastName, department: 'QA' });

describe('safeSlug', () => {
  it.each([
    ['Ünïcödé Ñoño', 'Unicode-Nono'],
    ['Zoë Ångström-Øberg', 'Zoe-Angstrom-Oberg'],
    ['Straße Łódź', 'Strasse-Lodz'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..', ''],
    ['.hidden', 'hidden'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
    ['evil\u202Egpj.exe', 'evilgpj.exe'],
    ['\u200Fمحمد\u200E', ''],
    ['Jean-Luc  Picard', 'Jean-Luc-Picard'],
    ['tab\there\r\nnew', 'tab-here-new'],
    ['😀 Smile', 'Smile'],
  ])('%j → %j', (input, expected) => {
    expect(safeSlug(input)).toBe(expected);
  });

  it('never yields `..`, a leading dot or anything outside [A-Za-z0-9._-]', () => {
    for (const s of ['../../Ünïcödé \u202E evil', '...a...b...', '-.-.-x-.-.-', '/\u0000/\u007f/', `${'é'.repeat(500)}..${'x'.repeat(500)}`]) {
      const out = safeSlug(s);
      if (out) expect(out).toMatch(SAFE);
      expect(out).not.toContain('..');
      expect(out).not.toMatch(/^[.-]/);
    }
  });

  it('cuts very long names', () => {
    expect(safeSlug('x'.repeat(10_000)).length).toBe(80);
    expect(safeSlug(`${'ab-'.repeat(100)}`, 20)).toMatch(/^[a-b-]{1,20}$/);
    expect(safeSlug(`${'ab-'.repeat(100)}`, 20)).not.toMatch(/-$/);
  });
});

describe('fileBaseName', () => {
  it('fills the pattern and slugs it in lower case, as the style page shows it', () => {
    expect(fileBaseName('{first}-{last}-{rendition}', person('Ana', 'Lima'), 'web', 1)).toBe('ana-lima-web');
    expect(fileBaseName('{last}_{first}_{id}_{rendition}', person('Ana', 'Lima'), 'web', 1)).toBe(`lima_ana_${shortId(ID)}_web`);
    expect(fileBaseName('{index}-{rendition}', person('Ana', 'Lima'), 'print', 7)).toBe('0007-print');
  });

  it('stays safe for hostile names', () => {
    const name = fileBaseName('{first}-{last}-{rendition}', person('../../Ünïcödé \u202E evil', '=HYPERLINK("http://x")'), 'web', 1);
    expect(name).toMatch(SAFE);
    expect(name).not.toContain('..');
    expect(name).toContain('unicode-evil-hyperlink');
    expect(fileBaseName('{first}{last}{rendition}', person('\u202E', '\u200F'), 'web', 1)).toBe('web');
    expect(fileBaseName('{first}-{rendition}', person('名前', '!!!'), 'web', 1)).toBe('web');
  });
});

describe('UniqueNames', () => {
  it('keeps names unique within a folder, ignoring case', () => {
    const u = new UniqueNames();
    expect(u.take('web', 'Ana-1', 'jpg')).toBe('Ana-1.jpg');
    expect(u.take('web', 'ana-1', 'jpg')).toBe('ana-1-2.jpg');
    expect(u.take('web', 'Ana-1', 'jpg')).toBe('Ana-1-3.jpg');
    expect(u.take('print', 'Ana-1', 'jpg')).toBe('Ana-1.jpg');
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1 555', `"'+1 555"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['  =1+1', `"'  =1+1"`],
    ['a;=1+1', '"a;=1+1"'],
    ['a,b"c', '"a,b""c"'],
    ['Ana, Lima', '"Ana, Lima"'],
    ['plain', '"plain"'],
    ['', '""'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', 'b'])).toBe('"a","b"\r\n');
  });

  // What a spreadsheet sees, whichever separator its locale assumes: every value in its own cell, none a formula.
  const hostile = ['=HYPERLINK("http://evil","x")', 'a;=1+1', 'a,b"c', '=1+1;x', 'x;@SUM(A1)', 'two\r\nlines', 'plain'];
  it('reads back cell for cell with , as the separator', () => {
    const rows = readAsSpreadsheet(csvRow(['=HYPERLINK("x")', 'a,b"c', 'c;d']) + csvRow(hostile), ',');
    expect(rows).toEqual([["'=HYPERLINK(\"x\")", 'a,b"c', 'c;d'], hostile.map((v) => (/^[=@]/.test(v) ? `'${v}` : v))]);
  });

  it.each([',', ';'] as const)('gives a spreadsheet assuming %j no formula to run', (separator) => {
    expect(formulaCells(readAsSpreadsheet(csvRow(['=HYPERLINK("x")', 'a,b"c', 'c;d']) + csvRow(hostile), separator))).toEqual([]);
  });
});
