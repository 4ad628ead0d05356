import { describe, expect, it } from 'vitest';
import { diffStyles } from './style-diff';

describe('diffStyles', () => {
  it('lists changed, added and removed leaves by path', () => {
    const a = { background: { type: 'solid', colour: '#eeeeee' }, renditions: [{ name: 'web', size: 800 }] };
    const b = { background: { type: 'solid', colour: '#ffffff' }, renditions: [{ name: 'web', size: 800 }, { name: 'print', size: 2000 }], retouch: { strength: 0.2 } };
    expect(diffStyles(a, b)).toEqual([
      { path: 'background.colour', from: '#eeeeee', to: '#ffffff' },
      { path: 'renditions.1', from: null, to: { name: 'print', size: 2000 } },
      { path: 'retouch', from: null, to: { strength: 0.2 } },
    ]);
    expect(diffStyles(a, structuredClone(a))).toEqual([]);
  });
});
