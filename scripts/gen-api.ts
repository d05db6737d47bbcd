// Writes the web client's types from the server's OpenAPI document: the document is the contract,
// so the client cannot drift from it (test/openapi-schema.test.ts fails when this file is stale).
import { writeFileSync } from 'node:fs';
import { buildApp } from '../src/server/app.js';
import { openEmbedded } from '../src/server/db/client.js';
import { renderClientTypes } from './client-types.js';

const target = 'src/web/api/schema.d.ts';
const database = await openEmbedded(null);
try {
  const app = await buildApp({ database, webRoot: null });
  await app.ready();
  writeFileSync(target, await renderClientTypes(app.swagger()));
  await app.close();
  console.log(`wrote ${target}`);
} finally {
  await database.close();
}
