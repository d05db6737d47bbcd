import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { rowsOf } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';

async function supplierOf(t: TestTenant, name: string): Promise<string> {
  const { database } = await testApp();
  return withTenant(
    database.db,
    t.tenantId,
    async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(sql`insert into suppliers (tenant_id, name) values (${t.tenantId}, ${name}) returning id`),
      )[0]!.id,
  );
}

async function issue(t: TestTenant, kind: string, supplierId: string | null, issuedOn: string, extra: Record<string, unknown> = {}) {
  const res = await t.admin.post('/api/v1/credentials', { kind, holderName: `${kind} ${issuedOn}`, supplierId, issuedOn, ...extra });
  if (res.statusCode !== 201) throw new Error(res.body);
  const id = res.json<{ id: string }>().id;
  // handed over, as it would be before it is charged
  await t.admin.post(`/api/v1/credentials/${id}/hand-over`, { identityMethod: 'id_card' }, { 'if-match': '"v1"' });
  return id;
}

async function fixture() {
  const t = await newTenant();
  const omsorg = await supplierOf(t, 'Omsorg AB');
  const it = await supplierOf(t, 'IT-konsult AB');
  // in March 2026: two e-ID cards and one SITHS card for Omsorg, one token for IT-konsult
  await issue(t, 'e_id_card', omsorg, '2026-03-02');
  await issue(t, 'e_id_card', omsorg, '2026-03-31');
  await issue(t, 'siths_card', omsorg, '2026-03-15');
  await issue(t, 'token', it, '2026-03-10');
  // not counted: outside the period, paid by the municipality, the municipality's own staff
  await issue(t, 'e_id_card', omsorg, '2026-04-01');
  await issue(t, 'e_id_card', omsorg, '2026-03-05', { chargeable: false });
  await issue(t, 'e_id_card', null, '2026-03-05');
  // SIM cards and MDM users count while in use during the period
  await issue(t, 'sim_card', omsorg, '2025-11-01');
  await issue(t, 'mdm_enrolment', omsorg, '2026-01-10');
  const ended = await issue(t, 'mdm_enrolment', omsorg, '2026-01-10');
  await t.admin.post(`/api/v1/credentials/${ended}/return`, { on: '2026-02-27' }, { 'if-match': '"v2"' });
  const endedInMarch = await issue(t, 'sim_card', it, '2025-05-01');
  await t.admin.post(`/api/v1/credentials/${endedInMarch}/revoke`, { on: '2026-03-03' }, { 'if-match': '"v2"' });
  return { t, omsorg, it };
}

describe('charge-back report (D0-10, D0-17, D0-35, D0-40, D3-25)', () => {
  it('D0-17, D3-25, D0-35, D0-40: counts per supplier what was issued, and SIM and MDM in use, in the period', async () => {
    const { t, omsorg, it } = await fixture();
    const res = await t.admin.get('/api/v1/reports/charge-back?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.suppliers.map((s: { supplierName: string }) => s.supplierName)).toEqual(['IT-konsult AB', 'Omsorg AB']);
    const by = (id: string) => r.suppliers.find((s: { supplierId: string }) => s.supplierId === id);
    expect(by(omsorg).counts).toEqual({ eIdCards: 2, sithsCards: 1, tokens: 0, keys: 0, mobilePhones: 0, simCards: 1, mdmUsers: 1 });
    expect(by(it).counts).toEqual({ eIdCards: 0, sithsCards: 0, tokens: 1, keys: 0, mobilePhones: 0, simCards: 1, mdmUsers: 0 });
    expect(r.totals).toMatchObject({ eIdCards: 2, sithsCards: 1, tokens: 1, simCards: 2, mdmUsers: 1 });
    expect(by(omsorg).lines.find((l: { kind: string }) => l.kind === 'sim_card')).toMatchObject({
      basis: 'active',
      issuedOn: '2025-11-01',
    });
    const bad = await t.admin.get('/api/v1/reports/charge-back?from=2026-03-31&to=2026-03-01');
    expect(bad.statusCode).toBe(422);
  });

  it('D0-10: the report downloads as XLSX with a summary and the lines behind it, and the export is audited', async () => {
    const { t } = await fixture();
    const res = await t.admin.get('/api/v1/reports/charge-back.xlsx?from=2026-03-01&to=2026-03-31', { 'accept-language': 'sv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="debitering-2026-03-01-2026-03-31.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('Sammanställning')!;
    expect(summary.getRow(3).getCell(1).value).toBe('Leverantör');
    expect(summary.getRow(5).values).toEqual([undefined, 'Omsorg AB', 2, 1, 0, 0, 0, 1, 1]);
    expect(summary.getRow(6).getCell(1).value).toBe('Totalt');
    expect(wb.getWorksheet('Underlag')!.rowCount).toBe(1 + 7);
    const { database } = await testApp();
    const audit = rowsOf<{ after: unknown }>(
      await database.db.execute(sql`select after from audit_events where tenant_id = ${t.tenantId} and action = 'charge-back.export'`),
    );
    expect(audit.map((a) => a.after)).toEqual([{ format: 'xlsx', from: '2026-03-01', to: '2026-03-31', supplierId: null }]);
  });

  it('D0-17: a supplier admin sees its own organisation’s charges only', async () => {
    const { t, omsorg } = await fixture();
    const admin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: omsorg }], 'levadmin');
    const r = (await admin.get('/api/v1/reports/charge-back?from=2026-03-01&to=2026-03-31')).json();
    expect(r.suppliers.map((s: { supplierId: string }) => s.supplierId)).toEqual([omsorg]);
    expect(r.totals.tokens).toBe(0);
    // a manager has no credential reading at all
    expect((await t.reader.get('/api/v1/reports/charge-back')).statusCode).toBe(403);
  });
});
