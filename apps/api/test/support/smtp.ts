import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in the test process that keeps every message it receives, parsed. */
export class TestSmtp {
  readonly messages: ParsedMail[] = [];
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, done) => {
        simpleParser(stream)
          .then((m) => {
            this.messages.push(m);
            done();
          })
          .catch(done);
      },
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until a message to `to` matching `subject` arrives; returns the newest. */
  async waitFor(to: string, subject: RegExp = /./, timeoutMs = 20_000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter((m) => addressOf(m) === to && subject.test(m.subject ?? ''));
      if (found.length) return found[found.length - 1];
      if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms (got ${this.messages.length})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  count(to: string, subject: RegExp = /./): number {
    return this.messages.filter((m) => addressOf(m) === to && subject.test(m.subject ?? '')).length;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

function addressOf(m: ParsedMail): string | undefined {
  const to = Array.isArray(m.to) ? m.to[0] : m.to;
  return to?.value[0]?.address;
}
