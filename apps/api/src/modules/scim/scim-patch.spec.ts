import { describe, expect, it } from 'vitest';
import { ScimError } from './scim-error';
import { applyScimPatch } from './scim-patch';

const EXT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user = () => ({ userName: 'a@x.test', active: true, name: { givenName: 'A', familyName: 'B' }, emails: [{ value: 'a@x.test', type: 'work', primary: true }], [EXT]: { department: 'Ops' } });
const patch = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

describe('applyScimPatch', () => {
  it('takes op names in any letter case and attribute names in any case', () => {
    expect(applyScimPatch(user(), patch({ op: 'Replace', path: 'Active', value: false }), [EXT]).active).toBe(false);
    expect(applyScimPatch(user(), patch({ op: 'REPLACE', path: 'name.FamilyName', value: 'C' }), [EXT]).name).toEqual({ givenName: 'A', familyName: 'C' });
  });

  it("applies Okta's path-less operations, merging complex attributes", () => {
    const out = applyScimPatch(user(), patch({ op: 'replace', value: { active: false, name: { givenName: 'Z' }, 'name.familyName': 'Y', [`${EXT}:department`]: 'Sales' } }), [EXT]);
    expect(out).toMatchObject({ active: false, name: { givenName: 'Z', familyName: 'Y' }, [EXT]: { department: 'Sales' } });
  });

  it('edits an element chosen by a value filter, adding it when missing', () => {
    const out = applyScimPatch(user(), patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'n@x.test' }, { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '1' }), [EXT]);
    expect(out.emails).toEqual([{ value: 'n@x.test', type: 'work', primary: true }]);
    expect(out.phoneNumbers).toEqual([{ type: 'work', value: '1' }]);
  });

  it('adds and removes members by path filter and by value list (Entra ID)', () => {
    const group = { displayName: 'G', members: [{ value: 'u1' }, { value: 'u2' }] };
    expect(applyScimPatch(group, patch({ op: 'add', path: 'members', value: [{ value: 'u2' }, { value: 'u3' }] }), []).members).toEqual([{ value: 'u1' }, { value: 'u2' }, { value: 'u3' }]);
    expect(applyScimPatch(group, patch({ op: 'remove', path: 'members[value eq "u1"]' }), []).members).toEqual([{ value: 'u2' }]);
    expect(applyScimPatch(group, patch({ op: 'Remove', path: 'members', value: [{ value: 'U2' }] }), []).members).toEqual([{ value: 'u1' }]);
  });

  it('leaves the input untouched and refuses what it cannot do with SCIM error types', () => {
    const input = user();
    applyScimPatch(input, patch({ op: 'replace', path: 'active', value: false }), [EXT]);
    expect(input.active).toBe(true);
    const typeOf = (body: unknown) => {
      try {
        applyScimPatch(user(), body, [EXT]);
        return 'ok';
      } catch (e) {
        return (e as ScimError).scimType;
      }
    };
    expect(typeOf(patch({ op: 'move', path: 'x' }))).toBe('invalidSyntax');
    expect(typeOf(patch({ op: 'remove' }))).toBe('noTarget');
    expect(typeOf(patch({ op: 'add', value: 'x' }))).toBe('invalidValue');
    expect(typeOf(patch({ op: 'add', path: 'urn:example:unknown:attr', value: 1 }))).toBe('invalidPath');
    expect(typeOf({ Operations: [] })).toBe('invalidSyntax');
  });
});
