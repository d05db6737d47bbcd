import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { testApp } from '../../../test/helpers/app.js';

describe('serving the web app', () => {
  it('serves client routes with index.html that browsers revalidate, and hashed assets cached for good', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tillit-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Tillit</title>');
    writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const { database } = await testApp();
    const app = await buildApp({ database, webRoot: root });
    try {
      const page = await app.inject({ url: '/systems/123', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>Tillit</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
      const direct = await app.inject({ url: '/index.html' });
      expect(direct.headers['cache-control']).toBe('no-cache');
      expect((await app.inject({ url: '/favicon.svg' })).headers['cache-control']).toBe('no-cache');
      const asset = await app.inject({ url: '/assets/index-abc123.js' });
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const api = await app.inject({ url: '/api/v1/nothing', headers: { accept: 'text/html' } });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await app.close();
    }
  });
});
