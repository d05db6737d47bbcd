import path from 'node:path';
import { z } from 'zod';
import { isSyslogUrl } from './platform/audit-forward/transport.js';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'ska vara 0 eller 1 (must be 0 or 1)' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'ska vara ett portnummer (must be a port number)' })
    .int({ message: 'ska vara ett heltal (must be an integer)' })
    .min(0)
    .max(65535)
    .default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'ska börja med postgres:// (must start with postgres://)' })
    .optional(),
  TILLIT_DATA_DIR: z.string().min(1).default('./data'),
  TILLIT_DEMO: flag.default(true),
  TILLIT_PUBLIC_URL: z.url({ message: 'ska vara en URL (must be a URL)' }).optional(),
  TILLIT_TRUST_PROXY: flag.default(false),
  TILLIT_SECRET_KEY: z.string().optional(),
  TILLIT_SAML_SP_KEY_FILE: z.string().optional(),
  TILLIT_SAML_SP_CERT_FILE: z.string().optional(),
  // Outgoing mail (password reset, notifications); without it messages land in <data dir>/outbox.
  TILLIT_SMTP_URL: z
    .url({ message: 'ska vara en URL som smtp://användare:lösenord@värd:587 (must be an smtp:// URL)' })
    .regex(/^smtps?:\/\//, { message: 'ska börja med smtp:// eller smtps:// (must start with smtp:// or smtps://)' })
    .optional(),
  TILLIT_MAIL_FROM: z.string().min(3).max(300).optional(),
  // Audit trail forwarded to a SIEM as RFC 5424 syslog (see platform/audit-forward).
  TILLIT_SYSLOG_URL: z
    .string()
    .refine((v) => isSyslogUrl(v), {
      message: 'ska vara tcp://värd:port eller tls://värd:port (must be tcp://host:port or tls://host:port)',
    })
    .optional(),
  TILLIT_SYSLOG_CA: z.string().optional(),
  TILLIT_SYSLOG_CERT: z.string().optional(),
  TILLIT_SYSLOG_KEY: z.string().optional(),
  // How often the scheduler looks for due reminders and mail to send (see platform/scheduler).
  TILLIT_SCHEDULER_TICK_SECONDS: z.coerce
    .number({ message: 'ska vara ett antal sekunder (must be a number of seconds)' })
    .int({ message: 'ska vara ett heltal (must be an integer)' })
    .min(5, { message: 'ska vara minst 5 (must be at least 5)' })
    .max(3600, { message: 'ska vara högst 3600 (must be at most 3600)' })
    .default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  secretKey: string | undefined;
  samlSpFiles: { keyFile?: string; certFile?: string };
  logLevel: string;
  // the address users reach Tillit at: links in mails are built from it
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  // seconds between scheduler ticks (due jobs, reminders, the mail outbox)
  schedulerTickSeconds: number;
  // where the audit trail is forwarded; files are PEM (read at start-up)
  syslog: { url: string; caFile?: string; certFile?: string; keyFile?: string } | undefined;
}

export class ConfigError extends Error {}

// A rejected value is echoed so the operator sees the typo, but never a password inside a URL.
function shown(name: string, value: string): string {
  if (name === 'TILLIT_SECRET_KEY') return '***';
  if (name === 'DATABASE_URL' || name === 'TILLIT_SMTP_URL') return value.replace(/\/\/.*@/, '//***@');
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as in most shells' `VAR= npm start`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const name = first?.path.join('.') ?? '?';
    throw new ConfigError(`Felaktig miljövariabel ${name}=${JSON.stringify(shown(name, env[name] ?? ''))}: ${first?.message ?? ''}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.TILLIT_DATA_DIR),
    demo: e.TILLIT_DEMO,
    secureCookies: e.TILLIT_PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxy: e.TILLIT_TRUST_PROXY,
    secretKey: e.TILLIT_SECRET_KEY,
    samlSpFiles: { keyFile: e.TILLIT_SAML_SP_KEY_FILE, certFile: e.TILLIT_SAML_SP_CERT_FILE },
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.TILLIT_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtpUrl: e.TILLIT_SMTP_URL,
    mailFrom: e.TILLIT_MAIL_FROM,
    schedulerTickSeconds: e.TILLIT_SCHEDULER_TICK_SECONDS,
    syslog: syslogConfig(e),
  };
}

function syslogConfig(e: z.infer<typeof envSchema>): Config['syslog'] {
  const files = { caFile: e.TILLIT_SYSLOG_CA, certFile: e.TILLIT_SYSLOG_CERT, keyFile: e.TILLIT_SYSLOG_KEY };
  if (!e.TILLIT_SYSLOG_URL) {
    if (files.caFile || files.certFile || files.keyFile)
      throw new ConfigError(
        'TILLIT_SYSLOG_CA, TILLIT_SYSLOG_CERT och TILLIT_SYSLOG_KEY kräver TILLIT_SYSLOG_URL=tls://… (need a tls:// URL)',
      );
    return undefined;
  }
  if (!e.TILLIT_SYSLOG_URL.startsWith('tls://') && (files.caFile || files.certFile || files.keyFile))
    throw new ConfigError('TILLIT_SYSLOG_CA, TILLIT_SYSLOG_CERT och TILLIT_SYSLOG_KEY gäller bara tls:// (only apply to tls://)');
  if (!files.certFile !== !files.keyFile) throw new ConfigError('TILLIT_SYSLOG_CERT och TILLIT_SYSLOG_KEY anges tillsammans (set both)');
  return { url: e.TILLIT_SYSLOG_URL, ...files };
}
