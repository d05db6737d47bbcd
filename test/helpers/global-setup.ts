import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  // Uploaded evidence goes to a directory of this run (the workers inherit the variable), not ./data.
  const fileDir = process.env.TILLIT_FILE_DIR ? null : mkdtempSync(path.join(tmpdir(), 'tillit-test-files-'));
  if (fileDir) process.env.TILLIT_FILE_DIR = fileDir;
  const removeFiles = () => {
    if (fileDir) rmSync(fileDir, { recursive: true, force: true });
  };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    project.provide('databaseUrl', null);
    return removeFiles;
  }
  const scratch = await createScratchDatabase(base, 'tillit_test');
  const database = await openPostgres(scratch.url, 2);
  await database.migrate();
  await database.close();
  project.provide('databaseUrl', scratch.url);
  return async () => {
    await scratch.drop();
    removeFiles();
  };
}
