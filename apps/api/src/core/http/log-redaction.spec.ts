import { describe, expect, it } from 'vitest';
import { redactSecrets } from './log-redaction';

const TOKEN = 'Jq3xR0a9_bC-dEfGhIjKlMnOpQrStUvWxYz0123456';

describe('redactSecrets', () => {
  it.each([
    [`{"req":{"url":"/api/invite/${TOKEN}/photo"}}`, '{"req":{"url":"/api/invite/[redacted]/photo"}}'],
    [`open http://127.0.0.1:3000/u/${TOKEN} to upload`, 'open http://127.0.0.1:3000/u/[redacted] to upload'],
    [`GET /api/invite/${TOKEN}`, 'GET /api/invite/[redacted]'],
    [`/api/signed/headshots/1/renditions/web?expires=99&sig=${TOKEN}`, '/api/signed/headshots/1/renditions/web?expires=99&sig=[redacted]'],
    ['/api/domains/verify?code=abc123&x=1', '/api/domains/verify?code=[redacted]&x=1'],
    ['/api/employees?page=2', '/api/employees?page=2'],
    ['/api/sso/discover?email=jane.doe%40victim.example', '/api/sso/discover?email=[email]'],
    ['{"msg":"no mail to ana+x@acme.co.uk"}', '{"msg":"no mail to [email]"}'],
    ['at node_modules/@nestjs/core/router.js:12', 'at node_modules/@nestjs/core/router.js:12'],
  ])('%s', (line, expected) => {
    expect(redactSecrets(line)).toBe(expected);
    expect(redactSecrets(line)).not.toContain(TOKEN);
  });
});
