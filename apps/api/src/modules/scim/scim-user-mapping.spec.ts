import { describe, expect, it } from 'vitest';
import { readScimUser, toScimUser } from './scim-user-mapping';

const user = (extra: Record<string, unknown> = {}) => ({ userName: 'jonas@acme.test', name: { givenName: 'Jonas', familyName: 'Weber' }, ...extra });

describe('SCIM preferredLanguage', () => {
  it('maps to the first language the employee side speaks, keeping the region', () => {
    expect(readScimUser(user({ preferredLanguage: 'de-DE' })).language).toBe('de-DE');
    // RFC 7643 allows the Accept-Language form.
    expect(readScimUser(user({ preferredLanguage: 'ja-JP, nl;q=0.8, en;q=0.5' })).language).toBe('nl');
  });

  it('stores none for a language the product does not speak, and leaves it unchanged when the body has none', () => {
    expect(readScimUser(user({ preferredLanguage: 'tlh' })).language).toBeNull();
    expect(readScimUser(user({ preferredLanguage: '' })).language).toBeNull();
    expect(readScimUser(user()).language).toBeUndefined();
  });

  it('refuses a preferredLanguage that is not a string', () => {
    expect(() => readScimUser(user({ preferredLanguage: 7 }))).toThrow(/preferredLanguage must be a string/);
  });

  it('is returned with the user', () => {
    const row = { id: '1', email: 'jonas@acme.test', first_name: 'Jonas', last_name: 'Weber', title: '', department: '', language: 'de', deactivated_at: null, created_at: new Date(0), updated_at: new Date(0), user_name: null, external_id: null };
    expect(toScimUser(row, 'http://x/scim/v2').preferredLanguage).toBe('de');
    expect(toScimUser({ ...row, language: null }, 'http://x/scim/v2').preferredLanguage).toBeUndefined();
  });
});
