import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anonymous, newTenant, testApp } from '../../../test/helpers/app.js';
import { withTenant } from '../db/tenant.js';

describe('HTTP contract shared by every module', () => {
  it('answers malformed JSON with 400 and a body over 1 MB with 413, both problem+json, saving nothing', async () => {
    const t = await newTenant();
    const malformed = await t.editor.request('POST', '/api/v1/systems', undefined, { 'content-type': 'application/json' });
    const res = await t.editor.app.inject({
      method: 'POST',
      url: '/api/v1/systems',
      headers: {
        cookie: (t.editor as unknown as { cookie: string }).cookie,
        'x-csrf-token': t.editor.csrfToken,
        'content-type': 'application/json',
      },
      payload: '{"name": "Halv',
    });
    expect([malformed.statusCode, res.statusCode]).toEqual([400, 400]);
    expect(res.json()).toMatchObject({ type: 'urn:tillit:problem:malformed-json', status: 400 });
    const huge = await t.editor.post('/api/v1/systems', { name: 'Stor', responsibleUnitId: t.unitId, description: 'x'.repeat(1_100_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.reader.get('/api/v1/systems')).json().items).toEqual([]);
  });

  it('rejects unknown fields and speaks English when the client prefers it', async () => {
    const t = await newTenant();
    const res = await t.editor.post(
      '/api/v1/systems',
      { name: 'X', responsibleUnitId: t.unitId, isAdmin: true },
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      title: 'The data is not valid',
      errors: [{ field: 'isAdmin', code: 'unrecognized_keys', message: 'Unknown field.' }],
    });
  });

  it('refuses text the database cannot hold (NUL) with a field error instead of failing', async () => {
    const t = await newTenant();
    const body = await t.editor.post('/api/v1/systems', { name: 'a\u0000b', responsibleUnitId: t.unitId });
    expect(body.statusCode).toBe(422);
    expect(body.json().errors).toEqual([{ field: 'name', code: 'invalid_character', message: 'Texten innehåller ett otillåtet tecken.' }]);
    const query = await t.reader.get('/api/v1/systems?q=%00');
    expect(query.statusCode).toBe(422);
    expect(query.json().errors[0].field).toBe('query.q');
  });

  it('answers unknown API paths with a problem+json 404', async () => {
    const anon = await anonymous();
    const res = await anon.get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: 'urn:tillit:problem:not-found', title: 'Hittades inte' });
  });

  it('serves health, readiness, metrics, the OpenAPI document and its reference page', async () => {
    const anon = await anonymous();
    expect((await anon.get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await anon.get('/readyz')).json()).toMatchObject({ status: 'ready' });
    const metrics = await anon.get('/metrics');
    expect(metrics.body).toContain('tillit_http_request_duration_seconds');
    const doc = (await anon.get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/systems',
      '/api/v1/systems/{id}',
      '/api/v1/org-units',
      '/api/v1/information-assets',
      '/api/v1/auth/login',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/systems'].post.requestBody.content['application/json'].schema.required).toEqual([
      'name',
      'responsibleUnitId',
    ]);
    const docs = await anon.get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('sets security headers on every answer, never caches API answers and chooses its own request id', async () => {
    const res = await (await anonymous()).get('/healthz', { 'x-request-id': 'spoofed' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const t = await newTenant();
    const list = await t.reader.get('/api/v1/systems');
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.headers.vary).toContain('Accept');
    const bad = await t.reader.get('/api/v1/systems?limit=0');
    expect(bad.json().errors[0].field).toBe('query.limit');
  });

  it('row-level security is a second wall: a tenant transaction sees only its own rows even without a filter', async () => {
    const a = await newTenant();
    const b = await newTenant();
    await a.editor.post('/api/v1/systems', { name: 'A:s system', responsibleUnitId: a.unitId });
    await b.editor.post('/api/v1/systems', { name: 'B:s system', responsibleUnitId: b.unitId });
    const { database } = await testApp();
    const rows = await withTenant(database.db, a.tenantId, async (tx) => {
      const r = (await tx.execute(sql`select name, tenant_id from systems`)) as unknown as { rows: { name: string; tenant_id: string }[] };
      return r.rows;
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([a.tenantId]));
    const write = withTenant(database.db, a.tenantId, (tx) =>
      tx.execute(sql`insert into org_units (tenant_id, name, type) values (${b.tenantId}, 'Intrång', 'unit')`),
    );
    await expect(write).rejects.toThrow();
  });
});
