import { describe, expect, it } from 'vitest';
import { relayStateOrRoot } from './relay-state';

describe('relayStateOrRoot', () => {
  it('keeps paths inside the app', () => {
    expect(relayStateOrRoot('/employees?status=invited#top')).toBe('/employees?status=invited#top');
    expect(relayStateOrRoot('/')).toBe('/');
  });

  it('sends everything that could leave the app to /', () => {
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', '\\\\evil.example', 'evil', '/\tevil', '', undefined, 42, `/${'a'.repeat(2000)}`]) {
      expect(relayStateOrRoot(bad)).toBe('/');
    }
  });
});
