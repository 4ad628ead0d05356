import { customFieldKeyFromLabel } from '@teamframe/shared-types';
import { describe, expect, it } from 'vitest';
import { keyProblem, reservedNameProblem } from './custom-field-names';
import { mergeCustomFields } from './custom-fields.service';

describe('custom field names', () => {
  it('derives a key from the label', () => {
    expect(customFieldKeyFromLabel('Pronouns')).toBe('pronouns');
    expect(customFieldKeyFromLabel('  Büro / Straße 2 ')).toBe('buro_strasse_2');
    expect(customFieldKeyFromLabel('2nd office')).toBe('nd_office');
    expect(customFieldKeyFromLabel('办公室')).toBe('');
    expect(customFieldKeyFromLabel('x'.repeat(80))).toHaveLength(40);
  });

  it('refuses names a CSV column of the product already has, in any spelling', () => {
    for (const name of ['Email', 'E-mail', 'first_name', 'Last Name', 'Surname', 'Title', 'DEPARTMENT', 'status', 'approved_at', 'Email 2']) {
      expect({ name, problem: reservedNameProblem(name) }).toEqual({ name, problem: 'is already a built-in column' });
    }
    // Secondary spellings of title and department are free: HR's own "Team" field takes that column.
    for (const name of ['Team', 'Role', 'Pronouns', 'Office', 'Position']) expect(reservedNameProblem(name)).toBeNull();
    expect(keyProblem('file_web')).toMatch(/file_/);
    expect(keyProblem('print_files')).toMatch(/built-in column/);
    expect(keyProblem('filing_cabinet')).toBeNull();
  });

  it('refuses keys every object inherits', () => {
    for (const key of ['constructor', 'prototype', '__proto__', 'tostring', 'hasownproperty', 'valueof']) expect({ key, problem: keyProblem(key) }).toEqual({ key, problem: 'is a reserved word' });
    expect(keyProblem('constructor_team')).toBeNull();
  });

  it('merges value changes: a value sets, an empty string clears, the rest stays', () => {
    expect(mergeCustomFields({ a: '1', b: '2' }, { b: '', c: '3' })).toEqual({ a: '1', c: '3' });
    expect(mergeCustomFields({ a: '1' }, undefined)).toEqual({ a: '1' });
  });

  it('keeps a __proto__ key an ordinary value, never a prototype', () => {
    const merged = mergeCustomFields({}, JSON.parse('{"__proto__":"x","constructor":"y"}'));
    expect(Object.keys(merged).sort()).toEqual(['__proto__', 'constructor']);
    expect(merged.__proto__).toBe('x');
    expect(JSON.parse(JSON.stringify(merged))).toEqual(JSON.parse('{"__proto__":"x","constructor":"y"}'));
  });
});
