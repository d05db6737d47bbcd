import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../../test/helpers/app.js';

type Asset = { id: string; version: number; systemIds: string[]; systems: { id: string; name: string }[] };

describe('information assets (D2-22)', () => {
  it('D2-22: registers an asset with owner, unit, personal data and linked systems; the system shows it back', async () => {
    const t = await newTenant();
    const sys = (await t.editor.post('/api/v1/systems', { name: 'Pulsen Combine', responsibleUnitId: t.unitId })).json<{ id: string }>();
    const res = await t.editor.post('/api/v1/information-assets', {
      name: 'Social dokumentation äldreomsorg',
      owner: 'Maria Karlsson',
      unitId: t.unitId,
      personalData: 'personnummer',
      systemIds: [sys.id, sys.id],
    });
    expect(res.statusCode).toBe(201);
    const asset = res.json<Asset>();
    expect(asset).toMatchObject({
      owner: 'Maria Karlsson',
      personalData: 'personnummer',
      unit: { id: t.unitId, name: 'Kommunledningsförvaltningen' },
      systemIds: [sys.id],
      systems: [{ id: sys.id, name: 'Pulsen Combine' }],
    });
    const system = (await t.reader.get(`/api/v1/systems/${sys.id}`)).json();
    expect(system.informationAssets).toEqual([{ id: asset.id, name: 'Social dokumentation äldreomsorg' }]);
    const bySystem = await t.reader.get(`/api/v1/information-assets?systemId=${sys.id}&personalData=personnummer`);
    expect(bySystem.json().items.map((a: Asset) => a.id)).toEqual([asset.id]);
    expect((await t.reader.get('/api/v1/information-assets?personalData=none')).json().items).toEqual([]);
  });

  it('D2-03: defaults personal data to none and refuses links to systems of another tenant', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const foreign = (await other.editor.post('/api/v1/systems', { name: 'Främmande', responsibleUnitId: other.unitId })).json<{
      id: string;
    }>();
    const plain = await t.editor.post('/api/v1/information-assets', { name: 'Mötesprotokoll', unitId: t.unitId });
    expect(plain.json()).toMatchObject({ personalData: 'none', systemIds: [] });
    const bad = await t.editor.post('/api/v1/information-assets', { name: 'X', unitId: t.unitId, systemIds: [foreign.id] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'systemIds.0', code: 'unknown_system' });
  });

  it('changes links with If-Match and audits; an archived asset disappears from its system', async () => {
    const t = await newTenant();
    const s1 = (await t.editor.post('/api/v1/systems', { name: 'E-post', responsibleUnitId: t.unitId })).json<{ id: string }>();
    const a = (await t.editor.post('/api/v1/information-assets', { name: 'E-post', unitId: t.unitId, systemIds: [s1.id] })).json<Asset>();
    expect((await t.editor.patch(`/api/v1/information-assets/${a.id}`, { systemIds: [] })).statusCode).toBe(428);
    const patched = await t.editor.patch(
      `/api/v1/information-assets/${a.id}`,
      { systemIds: [], personalData: 'ordinary' },
      { 'if-match': '"v1"' },
    );
    expect(patched.json()).toMatchObject({ version: 2, systemIds: [], personalData: 'ordinary' });
    await t.editor.patch(`/api/v1/information-assets/${a.id}`, { systemIds: [s1.id] }, { 'if-match': '"v2"' });
    await t.editor.post(`/api/v1/information-assets/${a.id}/archive`, undefined, { 'if-match': '"v3"' });
    expect((await t.reader.get(`/api/v1/systems/${s1.id}`)).json().informationAssets).toEqual([]);
    expect((await t.reader.post('/api/v1/information-assets', { name: 'X', unitId: t.unitId })).statusCode).toBe(403);
  });

  it('exports the filtered asset register as CSV and Excel with Swedish labels', async () => {
    const t = await newTenant();
    const sys = (await t.editor.post('/api/v1/systems', { name: 'Heroma', responsibleUnitId: t.unitId })).json<{ id: string }>();
    await t.editor.post('/api/v1/information-assets', {
      name: 'Löneuppgifter',
      unitId: t.unitId,
      personalData: 'personnummer',
      systemIds: [sys.id],
    });
    await t.editor.post('/api/v1/information-assets', { name: 'Nämndprotokoll', unitId: t.unitId });
    const csv = await t.reader.get('/api/v1/information-assets?personalData=personnummer', { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('Namn,Beskrivning,Ägare,Organisation,Personuppgifter,IT-system,Arkiverad,Id');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Löneuppgifter,,,Kommunledningsförvaltningen,Personnummer,Heroma,Nej,/);
    const xlsx = await t.reader.get('/api/v1/information-assets/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps an asset’s link to an archived system when the asset is edited, so restoring the system brings it back', async () => {
    const t = await newTenant();
    const s1 = (await t.editor.post('/api/v1/systems', { name: 'Arkiveras', responsibleUnitId: t.unitId })).json<{ id: string }>();
    const s2 = (await t.editor.post('/api/v1/systems', { name: 'Aktivt', responsibleUnitId: t.unitId })).json<{ id: string }>();
    const a = (await t.editor.post('/api/v1/information-assets', { name: 'Tillgång', unitId: t.unitId, systemIds: [s1.id] })).json<Asset>();
    await t.editor.post(`/api/v1/systems/${s1.id}/archive`, undefined, { 'if-match': '"v1"' });
    const seen = (await t.reader.get(`/api/v1/information-assets/${a.id}`)).json<Asset>();
    expect(seen.systemIds).toEqual([]);
    await t.editor.patch(`/api/v1/information-assets/${a.id}`, { systemIds: [...seen.systemIds, s2.id] }, { 'if-match': '"v1"' });
    await t.editor.post(`/api/v1/systems/${s1.id}/restore`, undefined, { 'if-match': '"v2"' });
    const after = (await t.reader.get(`/api/v1/information-assets/${a.id}`)).json<Asset>();
    expect(after.systemIds.sort()).toEqual([s1.id, s2.id].sort());
  });
});
