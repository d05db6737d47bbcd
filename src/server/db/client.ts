import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema/index.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'embedded' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export class StartupError extends Error {}

// One lock per data directory: PGlite has no multi-process guard of its own, and two writers
// would corrupt it.
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new StartupError(`Datakatalogen ${dir} kan inte skapas (cannot create data directory): ${(err as Error).message}`);
  }
  try {
    return await lockfile.lock(dir, {
      lockfilePath: path.join(dir, '.tillit.lock'),
      stale: 30_000,
      update: 5_000,
      // Losing the lock means another process may open the directory: stop cleanly rather than
      // risk two writers (the default would throw from a timer and crash mid-write).
      onCompromised: (err) => {
        console.error(`tillit: låset på datakatalogen förlorades (data directory lock lost): ${err.message}`);
        process.kill(process.pid, 'SIGTERM');
      },
    });
  } catch {
    throw new StartupError(
      `Datakatalogen ${dir} används redan av en annan Tillit-process (data directory already in use). Stoppa den först, eller kör mot PostgreSQL med DATABASE_URL.`,
    );
  }
}

export async function openEmbedded(dataDir: string | null): Promise<Database> {
  const release = dataDir ? await lockDataDir(dataDir) : async () => {};
  let client: PGlite;
  try {
    client = dataDir ? await PGlite.create(path.join(dataDir, 'pg')) : await PGlite.create();
  } catch (err) {
    await release();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'embedded',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      await release();
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new StartupError(`Kan inte ansluta till databasen i DATABASE_URL (cannot connect): ${reason}`);
  }
  const pgDb = drizzlePg(pool, { schema });
  const db = pgDb as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      // Several instances may start at once; one migrates, the others wait for it.
      const c = await pool.connect();
      try {
        await c.query('select pg_advisory_lock(7261001)');
        await migratePg(drizzlePg(c, { schema }), { migrationsFolder });
      } finally {
        await c.query('select pg_advisory_unlock(7261001)').catch(() => {});
        c.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

export function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string | null }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openEmbedded(opts.dataDir);
}
