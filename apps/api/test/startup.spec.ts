import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runApiExpectingExit } from './support/api-process';
import { createTestDatabase, type TestDatabase } from './support/test-env';

// What an operator sees when the product cannot start: one line that says what to fix, exit code 1.
describe('start-up failures', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const oneLine = (out: string) => out.trim().split('\n');

  it('a bad config value names the variable', async () => {
    const { code, output } = await runApiExpectingExit({ DATABASE_URL: db.url, PORT: 'eighty' });
    expect(code).toBe(1);
    expect(oneLine(output)).toHaveLength(1);
    expect(output).toMatch(/^Configuration error: PORT/);
  });

  it('an unknown role names the allowed ones', async () => {
    const { code, output } = await runApiExpectingExit({ DATABASE_URL: db.url, TEAMFRAME_ROLE: 'boss' });
    expect(code).toBe(1);
    expect(output.trim()).toBe('Configuration error: TEAMFRAME_ROLE must be one of api, worker, all (got "boss")');
  });

  it('a stopped Redis says how to start it', async () => {
    const deadPort = await freePort();
    const { code, output } = await runApiExpectingExit({ DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${deadPort}` });
    expect(code).toBe(1);
    expect(oneLine(output)).toHaveLength(1);
    expect(output).toMatch(new RegExp(`^Redis is not reachable at redis://127.0.0.1:${deadPort}.*redis-server`));
  });

  it('an unreachable database says so, without a password or stack trace', async () => {
    const deadPort = await freePort();
    const { code, output } = await runApiExpectingExit({ DATABASE_URL: `postgres://u:secret@127.0.0.1:${deadPort}/x` });
    expect(code).toBe(1);
    expect(oneLine(output)).toHaveLength(1);
    expect(output).toMatch(/^PostgreSQL is not reachable at postgres:\/\/u:\*\*\*@127.0.0.1/);
    expect(output).not.toContain('secret');
  });

  it('a taken port says which and what to do', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)));
    try {
      const { code, output } = await runApiExpectingExit({ DATABASE_URL: db.url, PORT: String(port) });
      expect(code).toBe(1);
      expect(output.trim()).toBe(`Port ${port} on 127.0.0.1 is already in use: stop what holds it or set PORT to a free port.`);
    } finally {
      blocker.close();
    }
  });
});
