import { describe, expect, it } from 'vitest';
import { adjustmentsFrom, cardCommand, previewRendition, slidersFrom } from './review-keys';

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('cardCommand', () => {
  it('moves through the list with J/K and arrows, clamped at the ends', () => {
    expect(cardCommand(key('j'), 0, 5, 3)).toEqual({ kind: 'move', to: 1 });
    expect(cardCommand(key('k'), 0, 5, 3)).toEqual({ kind: 'move', to: 0 });
    expect(cardCommand(key('ArrowRight'), 4, 5, 3)).toEqual({ kind: 'move', to: 4 });
  });

  it('moves by a row with up/down and stays put when there is no card there', () => {
    expect(cardCommand(key('ArrowDown'), 1, 5, 3)).toEqual({ kind: 'move', to: 4 });
    expect(cardCommand(key('ArrowDown'), 2, 5, 3)).toEqual({ kind: 'move', to: 2 });
    expect(cardCommand(key('ArrowUp'), 4, 5, 3)).toEqual({ kind: 'move', to: 1 });
  });

  it('maps A, R, G, X and ignores modified keys', () => {
    expect(cardCommand(key('a'), 0, 1, 1)).toEqual({ kind: 'approve' });
    expect(cardCommand(key('R'), 0, 1, 1)).toEqual({ kind: 'reject' });
    expect(cardCommand(key('g'), 0, 1, 1)).toEqual({ kind: 'regenerate' });
    expect(cardCommand(key('x'), 0, 1, 1)).toEqual({ kind: 'toggle' });
    expect(cardCommand(key('a', { ctrlKey: true }), 0, 1, 1)).toBeNull();
    expect(cardCommand(key('q'), 0, 1, 1)).toBeNull();
  });
});

describe('adjustments', () => {
  it('sends nothing for untouched sliders', () => {
    expect(adjustmentsFrom(slidersFrom(null))).toEqual({});
  });

  it('round-trips what was set and drops zeros', () => {
    const a = { cropNudge: { vertical: -0.05, zoom: 0 }, exposure: 0.1 };
    expect(adjustmentsFrom(slidersFrom(a))).toEqual({ cropNudge: { vertical: -0.05, zoom: 0 }, exposure: 0.1 });
  });
});

describe('previewRendition', () => {
  it('prefers the web rendition', () => {
    expect(previewRendition(['print', 'linkedin', 'web'])).toBe('web');
    expect(previewRendition(['print', 'linkedin'])).toBe('linkedin');
    expect(previewRendition(['poster'])).toBe('poster');
    expect(previewRendition([])).toBeNull();
  });
});
