import { describe, expect, it } from 'vitest';
import { erasureSentence } from './erasure-text';

describe('erasureSentence', () => {
  it('names everything that will be deleted, counted', () => {
    expect(erasureSentence({ name: 'Ana Lima', email: 'ana@x.test', uploads: 2, headshots: 3, exports: 1, invites: 1, refusedAttempts: 0 })).toBe(
      'This permanently deletes the employee record of Ana Lima (ana@x.test), 2 selfies, 3 headshots with their image files, 1 invite link and 1 export ZIP that contains them (deleted whole, for everyone). The audit log keeps that an employee was erased and by whom, without the name. This cannot be undone.',
    );
  });

  it('mentions refused-selfie records only when there are some, and no exports when none', () => {
    const s = erasureSentence({ name: 'Bo', email: 'bo@x.test', uploads: 0, headshots: 0, exports: 0, invites: 2, refusedAttempts: 1 });
    expect(s).toContain('0 selfies, 0 headshots with their image files, 2 invite links and 1 record of a refused selfie.');
    expect(s).not.toContain('ZIP');
  });
});
