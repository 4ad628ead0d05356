/**
 * Secrets that travel in URLs: an invite token opens an employee's upload page (`/u/<token>`,
 * `/api/invite/<token>/…`), an image signature opens a headshot for minutes (`sig=`), a domain
 * verification code proves a domain (`code=`). Anyone who can read the logs must not be able to use
 * them, so every log line passes through `redactSecrets` before it is written; so do e-mail addresses.
 */
const SECRET_IN_PATH = /(\/(?:api\/invite|u)\/)[A-Za-z0-9_-]{8,}/g;
const SECRET_IN_QUERY = /([?&](?:token|sig|signature|code|secret)=)[^&\s"'#\\]+/gi;
// Logs name people by id; an address that still slips in (a search query, an SSO discovery URL, an
// error message) is masked, also when URL-encoded.
const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export const REDACTED = '[redacted]';
export const REDACTED_EMAIL = '[email]';

export function redactSecrets(line: string): string {
  return line.replace(SECRET_IN_PATH, `$1${REDACTED}`).replace(SECRET_IN_QUERY, `$1${REDACTED}`).replace(EMAIL, REDACTED_EMAIL);
}

/**
 * A pino destination that redacts each line, then writes it to stdout. Used for every log line of
 * the process: request logs, errors (messages and stacks), and the mail and job logs.
 */
export const redactingStdout = {
  write(line: string): void {
    process.stdout.write(redactSecrets(line));
  },
};
