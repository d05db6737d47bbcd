import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderClientTypes } from '../scripts/client-types.js';
import { testApp } from './helpers/app.js';

describe('the web client’s generated API types', () => {
  it('match the OpenAPI document the server publishes (run `npm run gen:api` after changing a schema)', async () => {
    const { app } = await testApp();
    expect(readFileSync('src/web/api/schema.d.ts', 'utf8')).toBe(await renderClientTypes(app.swagger()));
  });
});
