import { describe, expect, it } from 'vitest';
import { adjustmentLabel, adjustmentsFrom, cardCommand, previewRendition, slidersFrom, splitWarnings } from './review-keys';
import { syncedScroll, viewerCommand } from './viewer-keys';

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

describe('adjustmentLabel', () => {
  it('says what a slider does in words and percent, never the raw fraction', () => {
    expect(adjustmentLabel('vertical', -0.03)).toBe('Face 3 % higher');
    expect(adjustmentLabel('vertical', 0.04)).toBe('Face 4 % lower');
    expect(adjustmentLabel('zoom', 0.1)).toBe('10 % closer');
    expect(adjustmentLabel('zoom', -0.2)).toBe('20 % further away');
    expect(adjustmentLabel('exposure', 0.06)).toBe('6 % brighter');
    expect(adjustmentLabel('exposure', 0)).toBe('No change');
    expect(adjustmentLabel('backgroundBlur', 0)).toBe('Style background');
    expect(adjustmentLabel('backgroundBlur', 0.8)).toBe('Blurred original, strong (80 %)');
  });
});

describe('viewer keys', () => {
  it('maps arrows, J/K, Z, A, R, G and leaves modified keys to the browser', () => {
    expect(['ArrowRight', 'j', 'J', 'ArrowLeft', 'k', 'z', 'A', 'r', 'g', 'q'].map((k) => viewerCommand(key(k)))).toEqual(['next', 'next', 'next', 'previous', 'previous', 'zoom', 'approve', 'reject', 'regenerate', null]);
    expect(viewerCommand(key('r', { ctrlKey: true }))).toBeNull();
  });

  it('keeps two differently sized panes on the same relative spot', () => {
    const src = { scrollLeft: 500, scrollTop: 250, scrollWidth: 2000, scrollHeight: 1500, clientWidth: 1000, clientHeight: 1000 };
    const dst = { scrollLeft: 0, scrollTop: 0, scrollWidth: 3000, scrollHeight: 4000, clientWidth: 1000, clientHeight: 1000 };
    expect(syncedScroll(src, dst)).toEqual({ left: 1000, top: 1500 });
    // A pane that does not scroll (picture smaller than the pane) leaves the other centred.
    expect(syncedScroll({ ...src, scrollWidth: 1000, scrollHeight: 1000 }, dst)).toEqual({ left: 1000, top: 1500 });
  });
});

describe('splitWarnings', () => {
  const w = (code: string) => ({ code, sentence: `${code} sentence` });
  it('keeps a person’s own warnings on their card and says the shared ones once', () => {
    const { shared, personal } = splitWarnings([
      { headshotId: 'a', warnings: [w('DPI_NOT_WRITTEN'), w('HEAD_TILTED')] },
      { headshotId: 'b', warnings: [w('DPI_NOT_WRITTEN')] },
      { headshotId: 'c', warnings: [w('LOW_RESOLUTION'), w('DPI_NOT_WRITTEN')] },
    ]);
    expect(shared.map((x) => x.code)).toEqual(['DPI_NOT_WRITTEN']);
    expect(Object.fromEntries([...personal].map(([id, list]) => [id, list.map((x) => x.code)]))).toEqual({ a: ['HEAD_TILTED'], b: [], c: ['LOW_RESOLUTION'] });
  });

  it('treats a lone card’s warnings as its own', () => {
    const { shared, personal } = splitWarnings([{ headshotId: 'a', warnings: [w('PADDED')] }]);
    expect(shared).toEqual([]);
    expect(personal.get('a')!.map((x) => x.code)).toEqual(['PADDED']);
  });
});
