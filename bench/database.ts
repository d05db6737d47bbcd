import { createScratchDatabase } from '../test/helpers/scratch-db.js';
import { openEmbedded, openPostgres, type Database } from '../src/server/db/client.js';

// The embedded database in memory, or with BENCH_DATABASE_URL a database made for this run on that
// server and dropped after it.
export async function openBenchDatabase(poolSize = 10): Promise<{ database: Database; kind: string; drop: () => Promise<void> }> {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) {
    const database = await openEmbedded(null);
    await database.migrate();
    return { database, kind: 'embedded', drop: async () => {} };
  }
  const scratch = await createScratchDatabase(base, 'tillit_bench');
  const database = await openPostgres(scratch.url, poolSize);
  await database.migrate();
  return { database, kind: 'postgres', drop: scratch.drop };
}
