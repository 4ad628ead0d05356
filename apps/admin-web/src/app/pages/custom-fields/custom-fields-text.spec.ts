import { describe, expect, it } from 'vitest';
import { deleteMessage, valuesRemovedSentence } from './custom-fields-text';

describe('custom field texts', () => {
  it('warns that deleting removes every value', () => {
    expect(deleteMessage('Office')).toMatch(/^"Office" and its value on every employee are removed for good; this cannot be undone\./);
  });

  it('counts the values a delete removed', () => {
    expect(valuesRemovedSentence('Office', 0)).toBe('Deleted "Office". No employee had a value.');
    expect(valuesRemovedSentence('Office', 1)).toBe('Deleted "Office" and its value on 1 employee.');
    expect(valuesRemovedSentence('Office', 12)).toBe('Deleted "Office" and its value on 12 employees.');
  });
});
