import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** BCP 47 tag of the mail's language, sent as Content-Language (screen readers and translators read it). */
  language?: string;
  /** With `cid`, an attachment is an inline image the HTML shows as `<img src="cid:…">`. */
  attachments?: { filename: string; content: Buffer; contentType: string; cid?: string }[];
}

/**
 * Sends mail over SMTP when SMTP_URL is set; otherwise writes each message as an .eml file to the
 * outbox folder, so the embedded run works with no mail server at all. The log line names the file,
 * never the recipient or the links (an invite link opens someone's upload page); with the development
 * switch MAIL_OUTBOX_PRINT_LINKS the links are printed on stdout, where `npm start` shows them.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private readonly outbox: string | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      this.transport = nodemailer.createTransport(config.SMTP_URL);
      this.outbox = null;
    } else {
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.outbox = path.resolve(config.MAIL_OUTBOX_DIR);
    }
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }> {
    const { language, ...message } = mail;
    const info = await this.transport.sendMail({ from: this.config.MAIL_FROM, ...message, headers: language ? { 'Content-Language': language } : undefined });
    if (!this.outbox) return { messageId: info.messageId };
    mkdirSync(this.outbox, { recursive: true });
    const file = path.join(this.outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${recipientTag(mail.to)}-${info.messageId.replace(/[^A-Za-z0-9.-]/g, '')}.eml`);
    writeFileSync(file, info.message as Buffer, { mode: 0o600 });
    this.logger.log({ file: path.basename(file) }, 'mail written to the outbox (no SMTP_URL set)');
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    if (this.config.MAIL_OUTBOX_PRINT_LINKS && links.length) process.stdout.write(`Outbox (development, MAIL_OUTBOX_PRINT_LINKS): ${mail.subject} → ${links.join(' ')}\n`);
    return { messageId: info.messageId, file };
  }

  /**
   * Deletes the outbox files addressed to any of `addresses` (erasure of a person); returns how many.
   * With SMTP the mails have left the product and nothing is kept here.
   */
  eraseOutboxMailTo(addresses: string[]): number {
    if (!this.outbox || addresses.length === 0) return 0;
    const tags = addresses.map(recipientTag);
    let files: string[];
    try {
      files = readdirSync(this.outbox);
    } catch {
      return 0;
    }
    const doomed = files.filter((f) => f.endsWith('.eml') && tags.some((t) => f.includes(`-${t}-`)));
    for (const f of doomed) rmSync(path.join(this.outbox, f), { force: true });
    return doomed.length;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** Names the recipient in an outbox file name without the address: the first 16 hex digits of its SHA-256. */
function recipientTag(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16);
}
