import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../server/config.js';
import { AuditCommandError, auditCommand, auditUsage } from './audit.js';
import { openDatabase } from '../server/db/client.js';
import { seedDemo } from '../server/demo/seed-demo.js';
import { describeStartupError, serve } from '../server/main.js';
import { createAuthService } from '../server/modules/auth/auth.service.js';
import { checkPassword } from '../server/platform/auth/password-policy.js';

const usage = `Användning / usage: tillit <kommando>
  serve                                   starta Tillit (standard)
  migrate                                 uppdatera databasens schema
  seed-demo                               läs in Demo kommun om den saknas
  create-admin --email E --password P [--tenant "Namn"] [--name "Visningsnamn"]
                                          skapa en administratör (i Demo kommun om --tenant saknas)
${auditUsage}`;

class UsageError extends Error {}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

const adminArgs = z.object({
  email: z.email({ message: 'ange en giltig e-postadress med --email' }),
  password: z.string({ message: 'ange ett lösenord med --password' }).max(1024),
  tenant: z.string().trim().min(1).max(200).default('Demo kommun'),
  name: z.string().trim().min(1).max(200).optional(),
});

async function createAdmin(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, password: { type: 'string' }, tenant: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const parsed = adminArgs.safeParse(values);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  // The same password policy as everywhere else (platform/auth/password-policy.ts).
  if (typeof values.password === 'string') {
    const context = { email: values.email, displayName: values.name, tenantNames: [values.tenant ?? 'Demo kommun'] };
    const verdict = checkPassword(values.password, context);
    if (verdict) problems.push(verdict.sv);
  }
  if (!parsed.success || problems.length) throw new UsageError(problems.join('; '));
  const a = parsed.data;
  await withDatabase(async ({ db }) => {
    const r = await createAuthService(db).ensureUser({
      tenantName: a.tenant,
      email: a.email,
      password: a.password,
      displayName: a.name ?? a.email,
      role: 'coordinator',
    });
    console.log(`Administratören ${a.email} finns nu i ${a.tenant}${r.tenantCreated ? ' (ny organisation)' : ''}.`);
  });
}

export async function run(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      return withDatabase(async () => console.log('Databasen är uppdaterad.'));
    case 'seed-demo':
      return withDatabase(async ({ db }) => {
        const r = await seedDemo(db);
        console.log(r.created ? `Demo kommun är inläst. Logga in som ${r.email} med lösenordet ${r.password}` : 'Demo kommun finns redan.');
      });
    case 'create-admin':
      return createAdmin(rest);
    case 'audit': {
      const code = await withDatabase((database) => auditCommand(rest, database, loadConfig().dataDir));
      if (code) process.exitCode = code;
      return;
    }
    case '--help':
    case '-h':
    case 'help':
      console.log(usage);
      return;
    default:
      throw new UsageError(`Okänt kommando: ${command}\n${usage}`);
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  const known = describeStartupError(err);
  if (
    known ||
    err instanceof UsageError ||
    err instanceof AuditCommandError ||
    (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    console.error(`tillit: ${known ?? (err as Error).message}`);
  } else {
    console.error('tillit: oväntat fel (unexpected error):', err);
  }
  process.exit(1);
});
