import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../../test/helpers/app.js';

// Whatever a client sends to the incident settings and communication endpoints, the answer is a
// deliberate 2xx or 4xx with a problem body, never a 5xx.
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a@b', 'x@example.org', "'; drop table incidents; --", 'å'.repeat(300), '9'.repeat(400)),
);
const value = fc.oneof(
  text,
  fc.integer({ min: -5, max: 200 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.array(fc.oneof(text, fc.integer({ min: -5, max: 120 }), fc.uuid()), { maxLength: 8 }),
  fc.dictionary(text, text, { maxKeys: 2 }),
);
const fields = [
  'name',
  'nameEn',
  'sortOrder',
  'categoryId',
  'systemId',
  'minSeverity',
  'handlingUnitId',
  'notifyUserIds',
  'instructions',
  'crisisUserIds',
  'reminderPercents',
  'secretByDefault',
  'defaultSecrecyProvision',
  'kind',
  'unitId',
  'supplierId',
  'email',
  'message',
  'stakeholderIds',
  'showOnStatusPage',
  'publicStatus',
];
const body = fc.dictionary(fc.oneof(fc.constantFrom(...fields), text), value, { maxKeys: 7 });

describe('fuzzed incident settings and communication input', () => {
  it('never answers 5xx to arbitrary bodies', async () => {
    const t = await newTenant();
    const sys = (await t.admin.post('/api/v1/systems', { name: 'Mål', responsibleUnitId: t.unitId })).json<{ id: string }>().id;
    await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, { kind: 'external', name: 'Region', email: 'it@region.example' });
    const inc = (await t.admin.post('/api/v1/incidents', { title: 'Fuzz', awareAt: new Date().toISOString(), systemIds: [sys] })).json<{
      id: string;
    }>().id;
    const route = (await t.admin.post('/api/v1/incident-routes', { name: 'Alla', handlingUnitId: t.unitId })).json<{ id: string }>().id;
    const send = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: Record<string, unknown>) => {
      const res = await t.admin.request(method, url, payload, { 'if-match': '"v1"' });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)} → ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/problem\+json/);
    };
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        await send('POST', '/api/v1/incident-categories', payload);
        await send('POST', '/api/v1/incident-routes', payload);
        await send('PATCH', `/api/v1/incident-routes/${route}`, payload);
        await send('PUT', '/api/v1/incident-settings', payload);
        await send('POST', `/api/v1/systems/${sys}/stakeholders`, payload);
        await send('POST', `/api/v1/incidents/${inc}/communications`, payload);
      }),
      { numRuns: 60, seed: 20261122 },
    );
  });
});
