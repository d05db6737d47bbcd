import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadInstanceKey } from './platform/crypto/secret-box.js';
import { loadSpCredential } from './platform/crypto/sp-credential.js';
import type { AuditForwarder } from './platform/audit-forward/forwarder.js';
import { readSyslogEndpoint, startAuditForwarding } from './platform/audit-forward/start.js';
import { buildApp, loggerOptions } from './app.js';
import { startAuditJobs } from './modules/audit/audit.jobs.js';
import { startRiskJobs } from './modules/risks/risks.jobs.js';
import { dailyJobKinds, jobHandlers } from './job-handlers.js';
import { startScheduler } from './platform/scheduler/runner.js';
import type { Periodic } from './platform/periodic.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, StartupError, type Database } from './db/client.js';
import { demoUsers } from './demo/demo-data.js';
import { isEmpty, seedDemo } from './demo/seed-demo.js';

// Process entry: config → database → migrate → (demo) → listen. Start-up failures are one line.
export async function serve(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: FastifyInstance | undefined;
  let forwarder: AuditForwarder | undefined;
  let auditJobs: ReturnType<typeof startAuditJobs> | undefined;
  let riskJobs: ReturnType<typeof startRiskJobs> | undefined;
  let scheduler: Periodic | undefined;
  const stop = async (code: number) => {
    await auditJobs?.stop().catch(() => {});
    await riskJobs?.stop().catch(() => {});
    await scheduler?.stop().catch(() => {});
    await forwarder?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  try {
    const syslog = config.syslog && readSyslogEndpoint(config.syslog);
    await database.migrate().catch((err: unknown) => {
      throw new StartupError(`Databasen kunde inte uppdateras (migration failed): ${(err as Error).message.split('\n')[0]}`);
    });
    if (await isEmpty(database.db)) {
      if (config.demo) await announceDemo(database, config.publicUrl);
      else
        console.log(
          'Databasen är tom. Skapa en administratör (create an administrator): npx tillit create-admin --email E --password P --tenant "Kommunens namn"',
        );
    }
    app = await buildApp({
      database,
      secretKey: loadInstanceKey(config.secretKey, path.join(config.dataDir, 'instance.key')),
      samlSp: await loadSpCredential(config.samlSpFiles, config.dataDir).catch((err: unknown) => {
        throw new StartupError(`SAML-nyckeln kunde inte läsas (SAML SP key): ${(err as Error).message.split('\n')[0]}`);
      }),
      logger: loggerOptions(config.logLevel),
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      // SSO redirect and ACS addresses: the configured public address, else each request's own
      publicUrl: process.env.TILLIT_PUBLIC_URL ? config.publicUrl : undefined,
      mail: {
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        outboxDir: path.join(config.dataDir, 'outbox'),
        publicUrl: config.publicUrl,
      },
    });
    await app.listen({ port: config.port, host: config.host });
    // Audit events are forwarded from the database in the background; requests never wait for it.
    if (syslog) forwarder = startAuditForwarding(syslog, database.db, app.log.child({ component: 'audit-forward' }));
    auditJobs = startAuditJobs(database.db, {
      archiveDir: path.join(config.dataDir, 'audit-archive'),
      log: app.log.child({ component: 'audit' }),
    });
    // D1-11: the yearly snapshot of the risk picture, taken in January for the year before
    riskJobs = startRiskJobs(database.db, { log: app.log.child({ component: 'risks' }) });
    // due reminders and the mail outbox; safe with several instances on one PostgreSQL (ADR 0007)
    scheduler = startScheduler(database.db, {
      handlers: jobHandlers,
      dailyKinds: dailyJobKinds,
      mailer: app.mailer,
      publicUrl: config.publicUrl,
      log: app.log.child({ component: 'scheduler' }),
      everyMs: config.schedulerTickSeconds * 1000,
    });
    const where = database.kind === 'embedded' ? `inbäddad databas i ${config.dataDir}` : 'PostgreSQL';
    console.log(`Tillit kör på http://localhost:${config.port} (${where})`);
    if (!config.smtpUrl) console.log(`E-post sparas som filer i ${path.join(config.dataDir, 'outbox')} (ingen TILLIT_SMTP_URL satt).`);
  } catch (err) {
    await forwarder?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw listenProblem(err, config.port, config.host) ?? err;
  }
}

function listenProblem(err: unknown, port: number, host: string): StartupError | null {
  switch ((err as { code?: string }).code) {
    case 'EADDRINUSE':
      return new StartupError(`Porten ${port} används redan (port in use). Välj en annan med PORT=…`);
    case 'EACCES':
      return new StartupError(`Ingen behörighet att lyssna på port ${port} (permission denied). Välj en port över 1023 med PORT=…`);
    case 'ENOTFOUND':
    case 'EADDRNOTAVAIL':
      return new StartupError(`Adressen HOST=${host} finns inte på den här datorn (address not available).`);
    default:
      return null;
  }
}

async function announceDemo(database: Database, publicUrl: string) {
  const demo = await seedDemo(database.db, undefined, publicUrl);
  if (!demo.created) return;
  // Printed once, to the terminal of whoever started the demo; never written to the log.
  console.log(
    [
      '',
      'Demo kommun är inläst. Logga in med / Sign in with:',
      `  e-post:   ${demo.email}`,
      `  lösenord: ${demo.password}`,
      '  Fler konton med samma lösenord / more accounts, same password:',
      '    redaktor@demokommun.se – Erik Redaktör (systemägare)',
      '    lasare@demokommun.se – Lena Läsare (chef)',
      ...demoUsers.map((u) => `    ${u.email} – ${u.displayName}`),
      '',
    ].join('\n'),
  );
}

export function describeStartupError(err: unknown): string | null {
  if (err instanceof ConfigError || err instanceof StartupError) return err.message;
  return null;
}
