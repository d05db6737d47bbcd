import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type TestTenant } from '../../../../test/helpers/app.js';

const profile = (k: number, r: number, t: number, s: number) => ({
  confidentiality: { level: k, reason: 'K' },
  integrity: { level: r, reason: 'R' },
  availability: { level: t, reason: 'T' },
  traceability: { level: s, reason: 'S' },
});

async function systemWithAssets(t: TestTenant, profiles: [number, number, number, number][]) {
  const sys = (await t.admin.post('/api/v1/systems', { name: 'Verksamhetssystem', responsibleUnitId: t.unitId })).json().id as string;
  const assets: string[] = [];
  for (const [i, p] of profiles.entries()) {
    const id = (await t.admin.post('/api/v1/information-assets', { name: `Tillgång ${i}`, unitId: t.unitId, systemIds: [sys] })).json().id;
    expect((await t.admin.put(`/api/v1/information-assets/${id}/classification`, profile(...p))).statusCode).toBe(200);
    assets.push(id);
  }
  return { sys, assets };
}

describe('system protection level (D1-23, D1-24)', () => {
  it('D1-23 D4-08: the protection level is the maximum over the system’s information assets, per aspect', async () => {
    const t = await newTenant();
    const { sys, assets } = await systemWithAssets(t, [
      [2, 1, 0, 1],
      [1, 3, 2, 0],
    ]);
    const detail = (await t.reader.get(`/api/v1/systems/${sys}`)).json();
    expect(detail.protectionLevel).toEqual({ confidentiality: 2, integrity: 3, availability: 2, traceability: 1 });
    const view = (await t.reader.get(`/api/v1/systems/${sys}/protection-level`)).json();
    expect(view).toMatchObject({
      derived: { confidentiality: 2, integrity: 3, availability: 2, traceability: 1 },
      effective: { confidentiality: 2, integrity: 3, availability: 2, traceability: 1 },
      status: 'incomplete',
      assetCount: 2,
      classifiedAssetCount: 2,
    });
    expect(view.contributing.confidentiality).toEqual([{ id: assets[0], name: 'Tillgång 0', level: 2 }]);
    expect(view.contributing.integrity).toEqual([{ id: assets[1], name: 'Tillgång 1', level: 3 }]);
  });

  it('D1-23: a level below the maximum is refused (422); above it with a reason is accepted; without one 400', async () => {
    const t = await newTenant();
    const { sys } = await systemWithAssets(t, [[2, 1, 1, 1]]);
    const lower = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, { confidentiality: 1, reason: 'Lägre' });
    expect(lower.statusCode).toBe(422);
    expect(lower.json().errors[0]).toMatchObject({ field: 'confidentiality', code: 'below_derived' });
    expect(lower.json().errors[0].message).toMatch(/2/);
    const noReason = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, { confidentiality: 3 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const emptyAspectReason = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, { integrity: { level: 2, reason: ' ' } });
    expect(emptyAspectReason.statusCode).toBe(400);
    expect(emptyAspectReason.json().errors[0].field).toBe('integrity.reason');
    const raised = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, {
      confidentiality: 3,
      reason: 'Sammanställning av många ärenden (aggregering)',
      integrity: { level: 2, reason: 'Integration mot ekonomisystemet' },
    });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({
      effective: { confidentiality: 3, integrity: 2, availability: 1, traceability: 1 },
      raised: { confidentiality: { level: 3, reason: 'Sammanställning av många ärenden (aggregering)' }, integrity: { level: 2 } },
    });
    expect((await t.reader.get(`/api/v1/systems/${sys}`)).json().protectionLevel.confidentiality).toBe(3);
    expect((await t.reader.put(`/api/v1/systems/${sys}/protection-level`, { confidentiality: 3, reason: 'x' })).statusCode).toBe(403);
    const history = (await t.reader.get(`/api/v1/systems/${sys}/classifications`)).json().items;
    expect(history).toHaveLength(1);
  });

  it('D1-23: level 4 is refused for a system too', async () => {
    const t = await newTenant();
    const { sys } = await systemWithAssets(t, [[1, 1, 1, 1]]);
    const res = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, { availability: 4, reason: 'x' });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/säkerhetsskydd/);
  });

  it('D1-24: the classification is complete only with the loss-of-function consequence; critical is suggested and set', async () => {
    const t = await newTenant();
    const { sys } = await systemWithAssets(t, [[1, 1, 1, 1]]);
    const empty = await t.admin.post('/api/v1/systems', { name: 'Tomt', responsibleUnitId: t.unitId });
    expect((await t.reader.get(`/api/v1/systems/${empty.json().id}/protection-level`)).json().status).toBe('not_classified');
    const first = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, {});
    expect(first.json()).toMatchObject({ status: 'incomplete', criticalSuggested: false, critical: false });
    const missing = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, { lossOfFunction: { consequence: '', level: 3 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('lossOfFunction.consequence');
    const done = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, {
      lossOfFunction: { consequence: 'Hemtjänsten kan inte planera besök', level: 3 },
      critical: true,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'complete',
      criticalSuggested: true,
      critical: true,
      lossOfFunction: { consequence: 'Hemtjänsten kan inte planera besök', level: 3 },
    });
    expect((await t.reader.get(`/api/v1/systems/${sys}`)).json().critical).toBe(true);
    // a later change that leaves out the consequence keeps it
    const kept = await t.editor.put(`/api/v1/systems/${sys}/protection-level`, { traceability: 2, reason: 'Behörighetsloggar' });
    expect(kept.json()).toMatchObject({ status: 'complete', lossOfFunction: { level: 3 } });
    expect((await t.reader.get(`/api/v1/systems/${sys}/classifications`)).json().items).toHaveLength(3);
    const cov = (await t.reader.get('/api/v1/classification/coverage')).json();
    expect(cov.systems).toMatchObject({ complete: 1, notClassified: 1 });
  });

  it('D1-24: lossOfFunction null clears a recorded consequence (the form sends it when the consequence is emptied)', async () => {
    const t = await newTenant();
    const { sys } = await systemWithAssets(t, [[1, 1, 1, 1]]);
    const url = `/api/v1/systems/${sys}/protection-level`;
    const done = await t.editor.put(url, { lossOfFunction: { consequence: 'Skolan kan inte sätta betyg', level: 2 } });
    expect(done.json()).toMatchObject({ status: 'complete', lossOfFunction: { level: 2 } });
    const cleared = await t.editor.put(url, { lossOfFunction: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ status: 'incomplete', lossOfFunction: null });
    expect((await t.reader.get(url)).json()).toMatchObject({ status: 'incomplete', lossOfFunction: null });
    const history = (await t.reader.get(`/api/v1/systems/${sys}/classifications`)).json().items as {
      current: boolean;
      lossOfFunction: unknown;
    }[];
    expect(history.find((h) => h.current)!.lossOfFunction).toBeNull();
    expect(history.some((h) => !h.current && h.lossOfFunction !== null)).toBe(true);
  });

  it('D1-23: access — another tenant’s system is 404, a unit-scoped owner cannot reach another unit’s system', async () => {
    const t = await newTenant();
    const { sys } = await systemWithAssets(t, [[1, 1, 1, 1]]);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/systems/${sys}/protection-level`)).statusCode).toBe(404);
    expect((await other.admin.put(`/api/v1/systems/${sys}/protection-level`, {})).statusCode).toBe(404);
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Tekniska förvaltningen', type: 'department' })).json().id;
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: otherUnit }], 'agare');
    expect((await owner.get(`/api/v1/systems/${sys}/protection-level`)).statusCode).toBe(404);
    expect((await owner.put(`/api/v1/systems/${sys}/protection-level`, { confidentiality: 3, reason: 'x' })).statusCode).toBe(404);
  });
});

describe('system protection level: review fixes', () => {
  const put = (t: TestTenant, sys: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    t.editor.put(`/api/v1/systems/${sys}/protection-level`, body, headers);

  it('D1-23: an omitted aspect keeps its stored raise; null or the information’s maximum removes it', async () => {
    const t = await newTenant();
    const { sys } = await systemWithAssets(t, [[1, 2, 1, 1]]);
    expect((await put(t, sys, { integrity: 3, confidentiality: 2, reason: 'Integration mot ekonomisystemet' })).statusCode).toBe(200);
    const critical = await put(t, sys, { critical: true });
    expect(critical.statusCode).toBe(200);
    expect(critical.json()).toMatchObject({ critical: true, effective: { confidentiality: 2, integrity: 3 } });
    expect((await t.reader.get(`/api/v1/systems/${sys}`)).json().protectionLevel.integrity).toBe(3);
    const cleared = await put(t, sys, { integrity: null });
    expect(cleared.json()).toMatchObject({ effective: { confidentiality: 2, integrity: 2 } });
    expect(cleared.json().raised.integrity).toBeUndefined();
    const atMax = await put(t, sys, { confidentiality: 1 });
    expect(atMax.json()).toMatchObject({ effective: { confidentiality: 1, integrity: 2 }, raised: {} });
    // the contract stays: below the maximum 422
    expect((await put(t, sys, { integrity: 1, reason: 'x' })).statusCode).toBe(422);
  });

  it('D1-23: If-Match is optional; a stale system ETag is refused with 412 and the answer carries the new ETag', async () => {
    const t = await newTenant();
    const { sys } = await systemWithAssets(t, [[1, 1, 1, 1]]);
    const etag = (await t.editor.get(`/api/v1/systems/${sys}`)).headers.etag as string;
    const first = await put(t, sys, { availability: 2, reason: 'Dygnet runt' }, { 'if-match': etag });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe((await t.editor.get(`/api/v1/systems/${sys}`)).headers.etag);
    expect(first.headers.etag).not.toBe(etag);
    const stale = await put(t, sys, { availability: 3, reason: 'Dygnet runt' }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect((await put(t, sys, { availability: 3, reason: 'Dygnet runt' })).statusCode).toBe(200);
  });

  it('D1-23: the contributing assets leave out those the viewer may not read at all; the level still counts', async () => {
    const t = await newTenant();
    const sys = (await t.admin.post('/api/v1/systems', { name: 'Öppet system', responsibleUnitId: t.unitId })).json().id as string;
    const secret = (
      await t.admin.post('/api/v1/information-assets', {
        name: 'Skyddade personuppgifter',
        unitId: t.unitId,
        systemIds: [sys],
        secret: true,
        secrecyProvision: '21 kap. 3 § OSL',
      })
    ).json().id as string;
    expect((await t.admin.put(`/api/v1/information-assets/${secret}/classification`, profile(3, 1, 1, 1))).statusCode).toBe(200);
    const employee = await memberWith(t, [{ role: 'employee', scopeType: 'tenant' }], 'anstalld');
    const seen = (await employee.get(`/api/v1/systems/${sys}/protection-level`)).json();
    expect(seen.derived.confidentiality).toBe(3);
    expect(seen.contributing.confidentiality).toEqual([]);
    const masked = (await t.reader.get(`/api/v1/systems/${sys}/protection-level`)).json();
    expect(masked.contributing.confidentiality).toEqual([{ id: secret, name: null, level: 3 }]);
  });
});
