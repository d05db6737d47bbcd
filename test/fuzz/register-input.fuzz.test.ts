import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newTenant } from '../helpers/app.js';

// Whatever a client sends, the answer is a deliberate 2xx or 4xx with a problem body, never a 5xx.
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    "'; drop table systems; --",
    '<script>alert(1)</script>',
    '𝕿𝖎𝖑𝖑𝖎𝖙',
    'å'.repeat(300),
    '%_\\',
    '9'.repeat(400),
  ),
);
const value = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 2 }),
);
const fields = [
  'name',
  'responsibleUnitId',
  'costs',
  'critical',
  'lifecycleStatus',
  'hosting',
  'lastReviewedOn',
  'systemAdministrators',
  'unitId',
  'systemIds',
  'personalData',
  'type',
  'parentId',
];
const body = fc.dictionary(fc.oneof(fc.constantFrom(...fields), text), value, { maxKeys: 6 });

describe('fuzzed register input', () => {
  it('never answers 5xx to arbitrary bodies and query strings on the register endpoints', async () => {
    const t = await newTenant();
    const s = (await t.editor.post('/api/v1/systems', { name: 'Mål', responsibleUnitId: t.unitId })).json<{ id: string }>();
    const targets = ['/api/v1/systems', '/api/v1/information-assets', '/api/v1/org-units'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        body,
        fc.dictionary(fc.constantFrom('q', 'limit', 'sort', 'cursor', 'unitId', 'critical', 'status', 'owner'), text, { maxKeys: 3 }),
        async (url, payload, query) => {
          const created = await t.editor.post(url, payload);
          expect(created.statusCode, created.body).toBeLessThan(500);
          if (created.statusCode >= 400) expect(created.headers['content-type']).toMatch(/problem\+json/);
          const patched = await t.editor.patch(`/api/v1/systems/${s.id}`, payload, { 'if-match': '"v1"' });
          expect(patched.statusCode, patched.body).toBeLessThan(500);
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const listed = await t.reader.get(`${url}?${qs}`);
          expect(listed.statusCode, listed.body).toBeLessThan(500);
        },
      ),
      { numRuns: 60, seed: 20261122 },
    );
  });
});
