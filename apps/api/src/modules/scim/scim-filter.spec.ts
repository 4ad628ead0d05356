import { describe, expect, it } from 'vitest';
import type { ScimError } from './scim-error';
import { parseScimFilter, scimPaging } from './scim-filter';

const USERS = ['username', 'externalid', 'emails.value', 'id', 'active'];
const scimTypeOf = (f: string) => {
  try {
    parseScimFilter(f, USERS);
    return 'ok';
  } catch (e) {
    return `${(e as ScimError).status} ${(e as ScimError).scimType}`;
  }
};

describe('parseScimFilter', () => {
  it('reads eq clauses in any letter case, joined by and', () => {
    expect(parseScimFilter('userName eq "a@x.test"', USERS)).toEqual([{ attribute: 'username', value: 'a@x.test' }]);
    expect(parseScimFilter('UserName EQ "a" AND externalId eq "e\\"1"', USERS)).toEqual([
      { attribute: 'username', value: 'a' },
      { attribute: 'externalid', value: 'e"1' },
    ]);
    expect(parseScimFilter('emails[type eq "work"].value eq "w@x.test"', USERS)).toEqual([{ attribute: 'emails.value', value: 'w@x.test' }]);
    expect(parseScimFilter('active eq false', USERS)).toEqual([{ attribute: 'active', value: false }]);
    expect(parseScimFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "u"', USERS)).toEqual([{ attribute: 'username', value: 'u' }]);
  });

  it('refuses everything else with invalidFilter, never an unfiltered list', () => {
    for (const f of ['title co "x"', 'userName eq "a" or userName eq "b"', 'userName eq "a" and', 'userName pr', 'userName eq "bad \\q escape"', 'displayName eq "x"', '']) {
      expect(scimTypeOf(f), f).toBe('400 invalidFilter');
    }
  });
});

describe('scimPaging', () => {
  it('clamps bad values instead of refusing them', () => {
    expect(scimPaging(undefined, undefined, 200)).toEqual({ startIndex: 1, count: 200 });
    expect(scimPaging('0', '-5', 200)).toEqual({ startIndex: 1, count: 0 });
    expect(scimPaging('3', '999', 200)).toEqual({ startIndex: 3, count: 200 });
    expect(scimPaging('x', 'y', 200)).toEqual({ startIndex: 1, count: 200 });
  });
});
