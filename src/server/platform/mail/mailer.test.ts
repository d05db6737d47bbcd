import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../../../test/helpers/smtp.js';
import { ConfigError, loadConfig } from '../../config.js';
import { createMailer, mailFrom } from './mailer.js';

function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

const message = {
  to: 'anna@kommun.example',
  subject: 'Prov från Tillit – åäö',
  text: 'Hej Anna!\n\nDet här är ett prov med en länk: https://tillit.kommun.example/x?y=1\n',
};

describe('mail platform', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('sends over SMTP to the configured server, from the configured sender', async () => {
    const { log, lines } = capturedLogger();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Tillit <tillit@kommun.example>' }, log);
    expect(mailer.kind).toBe('smtp');
    await mailer.send(message);
    const got = await smtp.waitFor('anna@kommun.example');
    expect(got.from).toBe('tillit@kommun.example');
    expect(got.subject).toBe(message.subject);
    expect(got.text.trim()).toBe(message.text.trim());
    expect(lines.join('')).not.toContain('Hej Anna');
  });

  it('rejects when the SMTP server cannot be reached, so the caller can log it', async () => {
    const { log } = capturedLogger();
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1' }, log);
    await expect(mailer.send(message)).rejects.toThrow();
  });

  it('without SMTP writes each message as an .eml file to the outbox (owner-only), and logs no content', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tillit-outbox-'));
    try {
      const outbox = path.join(dir, 'outbox');
      const { log, lines } = capturedLogger();
      const mailer = createMailer({ outboxDir: outbox, publicUrl: 'https://tillit.kommun.example' }, log);
      expect(mailer.kind).toBe('outbox');
      await mailer.send(message);
      await mailer.send({ ...message, to: 'bertil@kommun.example' });
      const files = (await readdir(outbox)).sort();
      expect(files).toHaveLength(2);
      expect(files[0]).toMatch(/\.eml$/);
      const eml = await readFile(path.join(outbox, files[0]!), 'utf8');
      expect(eml).toMatch(/^From: Tillit <no-reply@tillit\.kommun\.example>$/m);
      expect(eml).toMatch(/^To: (anna|bertil)@kommun\.example$/m);
      expect(eml).toContain('Hej Anna!');
      expect((await stat(path.join(outbox, files[0]!))).mode & 0o777).toBe(0o600);
      const logged = lines.map((l) => JSON.parse(l) as { msg: string });
      expect(logged.map((l) => l.msg)).toEqual(['mail written to outbox', 'mail written to outbox']);
      expect(lines.join('')).not.toMatch(/Hej Anna|anna@|Prov från/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with neither SMTP nor an outbox sends nothing and says so in the log', async () => {
    const { log, lines } = capturedLogger();
    const mailer = createMailer({}, log);
    expect(mailer.kind).toBe('none');
    await mailer.send(message);
    expect(lines.join('')).toContain('mail not sent');
    expect(mailFrom({})).toBe('Tillit <no-reply@localhost>');
  });

  it('reads TILLIT_SMTP_URL, TILLIT_MAIL_FROM and TILLIT_PUBLIC_URL; a rejected SMTP URL never shows its password', () => {
    expect(loadConfig({ PORT: '8080' })).toMatchObject({ publicUrl: 'http://localhost:8080', smtpUrl: undefined, mailFrom: undefined });
    expect(
      loadConfig({
        TILLIT_SMTP_URL: 'smtp://tillit:S3cret@mail.kommun.se:587',
        TILLIT_MAIL_FROM: 'Tillit <tillit@kommun.se>',
        TILLIT_PUBLIC_URL: 'https://isms.kommun.se/',
      }),
    ).toMatchObject({
      smtpUrl: 'smtp://tillit:S3cret@mail.kommun.se:587',
      mailFrom: 'Tillit <tillit@kommun.se>',
      publicUrl: 'https://isms.kommun.se',
    });
    expect(() => loadConfig({ TILLIT_SMTP_URL: 'http://tillit:S3cret@mail.kommun.se' })).toThrow(ConfigError);
    expect(() => loadConfig({ TILLIT_SMTP_URL: 'http://tillit:S3cret@mail.kommun.se' })).toThrow(
      'TILLIT_SMTP_URL="http://***@mail.kommun.se"',
    );
    // An unescaped "@" in the password: still nothing of it is shown.
    expect(() => loadConfig({ TILLIT_SMTP_URL: 'smtp://tillit:p@ss@mail.kommun.se:99999' })).toThrow(
      'TILLIT_SMTP_URL="smtp://***@mail.kommun.se:99999"',
    );
  });
});
