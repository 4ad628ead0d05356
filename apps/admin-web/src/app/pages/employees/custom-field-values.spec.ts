import { describe, expect, it } from 'vitest';
import { changedCustomFields, filledCustomFields } from './custom-field-values';

describe('changedCustomFields', () => {
  it('sends only what changed, with "" for a cleared value', () => {
    expect(changedCustomFields({ pronouns: 'she/her', office: 'Lisbon' }, { pronouns: 'she/her', office: '', team: ' Data ' })).toEqual({ office: '', team: 'Data' });
  });

  it('sends nothing when only surrounding spaces differ or nothing changed', () => {
    expect(changedCustomFields({ pronouns: 'she/her' }, { pronouns: ' she/her ', office: '' })).toBeUndefined();
  });
});

describe('filledCustomFields', () => {
  it('leaves empty fields out of a new employee', () => {
    expect(filledCustomFields({ pronouns: 'he', office: '  ' })).toEqual({ pronouns: 'he' });
    expect(filledCustomFields({ office: '' })).toBeUndefined();
  });
});
