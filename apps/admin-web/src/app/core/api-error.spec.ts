import { describe, expect, it } from 'vitest';
import { toDisplayError } from './api-error';

const headers = (id: string | null) => ({ get: (name: string) => (name === 'x-request-id' ? id : null) });

describe('toDisplayError', () => {
  it('shows the API message and request id from the error body', () => {
    const err = {
      status: 401,
      error: { error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong.', requestId: 'req-1' } },
      headers: headers('req-header'),
    };
    expect(toDisplayError(err)).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'Email or password is wrong.',
      requestId: 'req-1',
      status: 401,
    });
  });

  it('says the server cannot be reached when the network failed', () => {
    const shown = toDisplayError({ status: 0, error: new Event('error') });
    expect(shown.code).toBe('NETWORK_ERROR');
    expect(shown.message).toMatch(/Cannot reach the Teamframe server/);
  });

  it('gives a plain sentence and the header request id for a proxy error page', () => {
    const shown = toDisplayError({ status: 502, error: '<h1>Bad gateway</h1>', headers: headers('req-9') });
    expect(shown.message).toBe('The server ran into a problem. Try again in a moment.');
    expect(shown.requestId).toBe('req-9');
  });

  it('explains rate limiting even without a body', () => {
    expect(toDisplayError({ status: 429 }).message).toMatch(/Wait a minute/);
  });
});
