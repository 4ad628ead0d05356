import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** With `cid`, an attachment is an inline image the HTML shows as `<img src="cid:…">`. */
  attachments?: { filename: string; content: Buffer; contentType: string; cid?: string }[];
}

/**
 * Sends mail over SMTP when SMTP_URL is set; otherwise writes each message as an .eml file to the
 * outbox folder and logs its links, so the embedded run works with no mail server at all.
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
    const info = await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
    if (!this.outbox) return { messageId: info.messageId };
    mkdirSync(this.outbox, { recursive: true });
    const file = path.join(this.outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`);
    writeFileSync(file, info.message as Buffer, { mode: 0o600 });
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    this.logger.log({ to: mail.to, subject: mail.subject, file, links }, `mail written to the outbox (no SMTP_URL set)${links.length ? `: ${links.join(' ')}` : ''}`);
    return { messageId: info.messageId, file };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
