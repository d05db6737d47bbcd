import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/server/db/client.js';
import { createScratchDatabase } from './scratch-db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

// With TEST_DATABASE_URL the suite runs on a PostgreSQL server, in a database made for this run
// and dropped after it; without it, each worker opens its own embedded database.
export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    project.provide('databaseUrl', null);
    return;
  }
  const scratch = await createScratchDatabase(base, 'tillit_test');
  const database = await openPostgres(scratch.url, 2);
  await database.migrate();
  await database.close();
  project.provide('databaseUrl', scratch.url);
  return scratch.drop;
}
