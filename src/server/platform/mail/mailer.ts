import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';

// Outgoing mail for every module: one small interface, SMTP in production, an outbox folder of
// .eml files when no server is configured (the demo and small trials work without one). Bodies
// carry links, never secrets themselves; nothing of a message is ever logged.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox' | 'none';
  send(message: MailMessage): Promise<void>;
}

export interface MailOptions {
  // smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://…:465
  smtpUrl?: string;
  from?: string;
  // where messages are written when there is no SMTP server
  outboxDir?: string;
  // base of the links in messages, e.g. https://tillit.kommun.se; never taken from a request's Host
  publicUrl?: string;
}

export const defaultPublicUrl = 'http://localhost:3000';

export function mailFrom(opts: MailOptions): string {
  if (opts.from) return opts.from;
  const host = new URL(opts.publicUrl ?? defaultPublicUrl).hostname;
  return `Tillit <no-reply@${host}>`;
}

export function createMailer(opts: MailOptions, log: FastifyBaseLogger): Mailer {
  const from = mailFrom(opts);
  const url = opts.smtpUrl;
  if (url) {
    let transport: Transporter | undefined;
    return {
      kind: 'smtp',
      async send(m) {
        // Created on first use: a wrong address shows up when mail is sent, not at start-up.
        transport ??= nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
        await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
      },
    };
  }
  const dir = opts.outboxDir;
  if (dir) {
    const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      kind: 'outbox',
      async send(m) {
        const info = await composer.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
        // Readable by the server's user only: a message may hold a link that works once.
        await mkdir(dir, { recursive: true, mode: 0o700 });
        const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
        await writeFile(path.join(dir, file), info.message as Buffer, { mode: 0o600, flag: 'wx' });
        log.info({ file }, 'mail written to outbox');
      },
    };
  }
  return {
    kind: 'none',
    async send() {
      log.warn('mail not sent: neither TILLIT_SMTP_URL nor an outbox is configured');
    },
  };
}
