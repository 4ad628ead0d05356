import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../config/config';
import { MailService } from './mail.service';

describe('MailService', () => {
  const received: { to: string[]; raw: string }[] = [];
  let smtp: SMTPServer;
  let port: number;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (d) => (raw += d));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          done();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

  it('delivers over SMTP when SMTP_URL is set', async () => {
    const mail = new MailService(parseConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'HR <hr@acme.test>' }));
    await mail.send({ to: 'ana@acme.test', subject: 'Your headshot link', text: 'Open http://127.0.0.1:3000/u/abc to upload.' });
    mail.onApplicationShutdown();
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(['ana@acme.test']);
    const parsed = await simpleParser(received[0].raw);
    expect(parsed.subject).toBe('Your headshot link');
    expect(parsed.from?.text).toContain('hr@acme.test');
    expect(parsed.text).toContain('http://127.0.0.1:3000/u/abc');
  });

  it('writes an .eml file to the outbox when no SMTP_URL is set', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-outbox-'));
    const mail = new MailService(parseConfig({ MAIL_OUTBOX_DIR: dir }));
    const { file } = await mail.send({ to: 'bo@acme.test', subject: 'Invite', text: 'Go to http://x.test/u/1' });
    expect(readdirSync(dir)).toEqual([path.basename(file!)]);
    const parsed = await simpleParser(readFileSync(file!));
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('bo@acme.test');
    expect(parsed.text).toContain('http://x.test/u/1');
  });

  it('names outbox files without the address, and erases one person’s mails only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf-outbox-'));
    const mail = new MailService(parseConfig({ MAIL_OUTBOX_DIR: dir }));
    await mail.send({ to: 'cy@acme.test', subject: 'Invite', text: 'x' });
    await mail.send({ to: 'Cy@Acme.test', subject: 'Reminder', text: 'x' });
    const { file: kept } = await mail.send({ to: 'dee@acme.test', subject: 'Invite', text: 'x' });
    expect(readdirSync(dir).join(' ')).not.toMatch(/cy|dee|acme/i);
    expect(mail.eraseOutboxMailTo(['cy@acme.test'])).toBe(2);
    expect(readdirSync(dir)).toEqual([path.basename(kept!)]);
  });

  it('prints outbox links only with the development switch', async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => printed.push(String(chunk)) > 0);
    try {
      for (const flag of ['false', 'true']) {
        const dir = mkdtempSync(path.join(tmpdir(), 'tf-outbox-'));
        await new MailService(parseConfig({ MAIL_OUTBOX_DIR: dir, MAIL_OUTBOX_PRINT_LINKS: flag })).send({ to: 'eve@acme.test', subject: 'Invite', text: `Open http://x.test/u/link-${flag}` });
      }
    } finally {
      spy.mockRestore();
    }
    expect(printed.join('')).not.toContain('http://x.test/u/link-false');
    expect(printed.join('')).toContain('http://x.test/u/link-true');
    expect(printed.join('')).not.toContain('eve@acme.test');
  });
});
