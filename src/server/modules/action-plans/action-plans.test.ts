import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type TestTenant } from '../../../../test/helpers/app.js';

type Plan = Record<string, unknown> & {
  id: string;
  version: number;
  activities: { id: string; measures: { id: string; masked: boolean; title: string | null }[]; progress: unknown }[];
  progress: unknown;
  unplannedMeasures: { id: string }[];
};

const measure = async (t: TestTenant, extra: Record<string, unknown> = {}) =>
  (
    await t.admin.post('/api/v1/measures', {
      title: 'Åtgärd',
      origin: 'needs_analysis',
      basis: 'Behovsanalys',
      unitId: t.unitId,
      dueOn: '2027-06-30',
      ...extra,
    })
  ).json<{
    id: string;
  }>().id;

const etag = (p: { version: number }) => ({ 'if-match': `"v${p.version}"` });

describe('action plan (handlingsplan, D1-09, D1-10)', () => {
  it('groups measures into activities with progress per activity and for the plan, and lists unplanned measures', async () => {
    const t = await newTenant();
    const a = await measure(t, { title: 'MFA', plannedCostSek: 1000.5, actualCostSek: 200 });
    const b = await measure(t, { title: 'Loggning', status: 'done', plannedCostSek: 500, actualCostSek: 450.25 });
    const c = await measure(t, { title: 'Stoppad', status: 'cancelled', plannedCostSek: 999 });
    const d = await measure(t, { title: 'Oplanerad' });
    await measure(t, { title: 'Annat år', dueOn: '2028-01-10' });
    const created = await t.admin.post('/api/v1/action-plans', { year: 2027, title: 'Handlingsplan 2027' });
    expect(created.statusCode).toBe(201);
    let plan = created.json<Plan>();
    expect(plan.unplannedMeasures.map((m) => m.id).sort()).toEqual([a, d].sort());
    expect((await t.admin.post('/api/v1/action-plans', { year: 2027, title: 'Igen' })).statusCode).toBe(422);
    const bad = await t.admin.post(`/api/v1/action-plans/${plan.id}/activities`, {
      title: 'X',
      startOn: '2027-05-01',
      endOn: '2027-04-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('endOn');
    const added = await t.admin.post(`/api/v1/action-plans/${plan.id}/activities`, {
      title: 'Stärk inloggningen',
      yearlyGoal: 'Alla system med MFA',
      priority: 'high',
      responsible: 'IT-chefen',
      startOn: '2027-01-01',
      endOn: '2027-12-31',
      budgetSek: 2500.75,
      measureIds: [a, b, c],
    });
    expect(added.statusCode).toBe(201);
    plan = added.json<Plan>();
    expect(plan.activities[0]).toMatchObject({ title: 'Stärk inloggningen', budgetSek: 2500.75, position: 0 });
    expect(plan.activities[0]!.progress).toEqual({ done: 1, total: 2, plannedCostSek: 1500.5, actualCostSek: 650.25, withheld: 0 });
    expect(plan.progress).toEqual({ done: 1, total: 2, plannedCostSek: 1500.5, actualCostSek: 650.25, withheld: 0 });
    expect(plan.unplannedMeasures.map((m) => m.id)).toEqual([d]);
    // the measure's own status keeps moving and the plan's progress follows
    const ma = (await t.admin.get(`/api/v1/measures/${a}`)).json();
    await t.admin.patch(`/api/v1/measures/${a}`, { status: 'done' }, etag(ma));
    expect((await t.editor.get(`/api/v1/action-plans/${plan.id}`)).json().progress).toMatchObject({ done: 2, total: 2 });
    const moved = await t.admin.patch(`/api/v1/action-plans/${plan.id}/activities/${plan.activities[0]!.id}`, { measureIds: [a, d] });
    expect(moved.json().unplannedMeasures).toEqual([]);
    const removed = await t.admin.del(`/api/v1/action-plans/${plan.id}/activities/${plan.activities[0]!.id}`);
    expect(removed.json().activities).toEqual([]);
  });

  it('the decision requires a case number (422), locks the content (409) until reopened; reopen clears it and keeps it in history', async () => {
    const t = await newTenant();
    let plan = (await t.admin.post('/api/v1/action-plans', { year: 2026, title: 'Plan 2026' })).json<Plan>();
    plan = (await t.admin.post(`/api/v1/action-plans/${plan.id}/activities`, { title: 'Utbildning' })).json<Plan>();
    const url = `/api/v1/action-plans/${plan.id}`;
    const noDnr = await t.admin.post(`${url}/decision`, { decidedOn: '2026-02-10', decidedBy: 'Kommunstyrelsen' }, etag(plan));
    expect(noDnr.statusCode).toBe(422);
    expect(noDnr.json().errors[0].field).toBe('caseNumber');
    const decided = await t.admin.post(
      `${url}/decision`,
      { decidedOn: '2026-02-10', decidedBy: 'Kommunstyrelsen', caseNumber: 'KS 2026/123' },
      etag(plan),
    );
    expect(decided.statusCode).toBe(200);
    plan = decided.json<Plan>();
    expect(plan).toMatchObject({
      status: 'decided',
      decision: { decidedOn: '2026-02-10', decidedBy: 'Kommunstyrelsen', caseNumber: 'KS 2026/123', note: null },
    });
    const lockedAdd = await t.admin.post(`${url}/activities`, { title: 'Sen' });
    expect(lockedAdd.statusCode).toBe(409);
    expect(lockedAdd.json().detail).toMatch(/beslutad/);
    expect((await t.admin.patch(`${url}/activities/${plan.activities[0]!.id}`, { title: 'Nytt' })).statusCode).toBe(409);
    expect((await t.admin.del(`${url}/activities/${plan.activities[0]!.id}`)).statusCode).toBe(409);
    expect((await t.admin.patch(url, { title: 'Nytt' }, etag(plan))).statusCode).toBe(409);
    expect((await t.admin.post(`${url}/reopen`, undefined, { 'if-match': '"v1"' })).statusCode).toBe(412);
    const reopened = await t.admin.post(`${url}/reopen`, undefined, etag(plan));
    expect(reopened.json()).toMatchObject({ status: 'draft', decision: null });
    expect((await t.admin.post(`${url}/activities`, { title: 'Sen' })).statusCode).toBe(201);
    const history = (await t.admin.get(`${url}/history`)).json().items as { action: string }[];
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['action-plan.decide', 'action-plan.reopen']));
  });

  it('D1-10: the audit trail of an activity change keeps its title, budget and measures, not only its id', async () => {
    const t = await newTenant();
    const a = await measure(t, { title: 'MFA' });
    const b = await measure(t, { title: 'Loggning' });
    let plan = (await t.admin.post('/api/v1/action-plans', { year: 2027, title: 'Plan 2027' })).json<Plan>();
    plan = (await t.admin.post(`/api/v1/action-plans/${plan.id}/activities`, { title: 'Utbildning', budgetSek: 100 })).json<Plan>();
    const activityId = plan.activities[0]!.id;
    const changed = await t.admin.patch(`/api/v1/action-plans/${plan.id}/activities/${activityId}`, {
      title: 'Utbildning i informationssäkerhet',
      budgetSek: 2500.5,
      measureIds: [a, b],
    });
    expect(changed.statusCode).toBe(200);
    const items = (await t.admin.get(`/api/v1/action-plans/${plan.id}/history`)).json().items as {
      action: string;
      before: { activities: Record<string, Record<string, unknown>> };
      after: { activities: Record<string, Record<string, unknown>> };
    }[];
    const entry = items.find((h) => h.action === 'action-plan.activity-update')!;
    expect(entry.before.activities[activityId]).toMatchObject({ title: 'Utbildning', budgetSek: 100, measureIds: [] });
    expect(entry.after.activities[activityId]).toMatchObject({ title: 'Utbildning i informationssäkerhet', budgetSek: 2500.5 });
    expect((entry.after.activities[activityId]!.measureIds as string[]).sort()).toEqual([a, b].sort());
  });

  it('D1-10: a plan without activities cannot be decided (409 with a reason)', async () => {
    const t = await newTenant();
    const plan = (await t.admin.post('/api/v1/action-plans', { year: 2028, title: 'Tom plan' })).json<Plan>();
    const res = await t.admin.post(
      `/api/v1/action-plans/${plan.id}/decision`,
      { decidedOn: '2028-01-10', decidedBy: 'Kommunstyrelsen', caseNumber: 'KS 2028/1' },
      etag(plan),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/inga aktiviteter/);
    expect((await t.admin.get(`/api/v1/action-plans/${plan.id}`)).json()).toMatchObject({ status: 'draft', decision: null });
  });

  it('D1-10 access: management records the decision but neither changes the content nor reopens (403); a system owner only reads; another tenant 404', async () => {
    const t = await newTenant();
    const mgmt = await memberWith(t, [{ role: 'management' }], 'ledning');
    expect((await mgmt.post('/api/v1/action-plans', { year: 2030, title: 'X' })).statusCode).toBe(403);
    let plan = (await t.admin.post('/api/v1/action-plans', { year: 2030, title: 'Plan 2030' })).json<Plan>();
    plan = (await t.admin.post(`/api/v1/action-plans/${plan.id}/activities`, { title: 'Utbildning' })).json<Plan>();
    const url = `/api/v1/action-plans/${plan.id}`;
    // the content is the coordinator's: management may not add, change or remove activities or edit the plan
    expect((await mgmt.post(`${url}/activities`, { title: 'Ledningens tillägg' })).statusCode).toBe(403);
    expect((await mgmt.patch(`${url}/activities/${plan.activities[0]!.id}`, { title: 'Nytt' })).statusCode).toBe(403);
    expect((await mgmt.del(`${url}/activities/${plan.activities[0]!.id}`)).statusCode).toBe(403);
    expect((await mgmt.patch(url, { title: 'Nytt' }, etag(plan))).statusCode).toBe(403);
    plan = (await mgmt.get(`/api/v1/action-plans/${plan.id}`)).json<Plan>();
    const d = await mgmt.post(
      `/api/v1/action-plans/${plan.id}/decision`,
      { decidedOn: '2030-01-15', decidedBy: 'Kommunstyrelsen', caseNumber: 'KS 2030/1' },
      etag(plan),
    );
    expect(d.statusCode).toBe(200);
    expect((await mgmt.post(`${url}/reopen`, undefined, etag(d.json()))).statusCode).toBe(403);
    expect((await t.editor.get(`/api/v1/action-plans/${plan.id}`)).statusCode).toBe(200);
    expect((await t.editor.post(`/api/v1/action-plans/${plan.id}/reopen`, undefined, etag(d.json()))).statusCode).toBe(403);
    // a manager reads the plan (its measures are their unit's work) but changes nothing in it
    expect((await t.reader.get(`/api/v1/action-plans/${plan.id}`)).statusCode).toBe(200);
    expect((await t.reader.post(`/api/v1/action-plans/${plan.id}/activities`, { title: 'X' })).statusCode).toBe(403);
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    expect((await employee.get(`/api/v1/action-plans/${plan.id}`)).statusCode).toBe(403);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/action-plans/${plan.id}`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/v1/action-plans/${plan.id}/activities`, { title: 'X' })).statusCode).toBe(404);
  });

  it('the XLSX export is a valid workbook with the decision, and leaves out secret content for a masked viewer', async () => {
    const t = await newTenant();
    const open = await measure(t, { title: 'Öppen åtgärd', plannedCostSek: 1234.56 });
    const secret = await measure(t, { title: 'Hemlig åtgärd', secret: true, secrecyProvision: '18 kap. 8 § OSL' });
    let plan = (await t.admin.post('/api/v1/action-plans', { year: 2027, title: 'Plan 2027' })).json<Plan>();
    plan = (await t.admin.post(`/api/v1/action-plans/${plan.id}/activities`, { title: 'Skydd', measureIds: [open, secret] })).json<Plan>();
    await t.admin.post(
      `/api/v1/action-plans/${plan.id}/decision`,
      { decidedOn: '2027-01-20', decidedBy: 'KS', caseNumber: 'KS 2027/9' },
      etag(plan),
    );
    const mgmt = await memberWith(t, [{ role: 'management' }], 'ledning');
    const seen = (await mgmt.get(`/api/v1/action-plans/${plan.id}`)).json<Plan>();
    expect(seen.activities[0]!.measures.find((m) => m.id === secret)).toMatchObject({ masked: true, title: null });
    const read = async (res: { statusCode: number; rawPayload: Buffer }) => {
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
      return cells;
    };
    const masked = await read(await mgmt.get(`/api/v1/action-plans/${plan.id}/export.xlsx`));
    expect(masked).toEqual(expect.arrayContaining(['KS 2027/9', '2027-01-20', 'Öppen åtgärd', '1234.56']));
    expect(masked.join('|')).not.toContain('Hemlig åtgärd');
    expect(masked.join('|')).toContain('sekretess');
    const full = await read(await t.admin.get(`/api/v1/action-plans/${plan.id}/export.xlsx`));
    expect(full).toContain('Hemlig åtgärd');
  });

  it('security: the progress sums only costs the viewer sees in full and says how many were withheld, in the API and the XLSX', async () => {
    const t = await newTenant();
    const open = await measure(t, { title: 'Öppen', plannedCostSek: 100, actualCostSek: 10 });
    const secret = await measure(t, {
      title: 'Hemlig',
      secret: true,
      secrecyProvision: '18 kap. 8 § OSL',
      plannedCostSek: 777,
      actualCostSek: 55,
    });
    let plan = (await t.admin.post('/api/v1/action-plans', { year: 2027, title: 'Plan 2027' })).json<Plan>();
    plan = (await t.admin.post(`/api/v1/action-plans/${plan.id}/activities`, { title: 'Skydd', measureIds: [open, secret] })).json<Plan>();
    expect(plan.progress).toEqual({ done: 0, total: 2, plannedCostSek: 877, actualCostSek: 65, withheld: 0 });
    const mgmt = await memberWith(t, [{ role: 'management' }], 'ledning');
    const seen = (await mgmt.get(`/api/v1/action-plans/${plan.id}`)).json<Plan>();
    // the count keeps the secret measure (its status is no secret), the costs leave it out
    expect(seen.progress).toEqual({ done: 0, total: 2, plannedCostSek: 100, actualCostSek: 10, withheld: 1 });
    expect(seen.activities[0]!.progress).toEqual({ done: 0, total: 2, plannedCostSek: 100, actualCostSek: 10, withheld: 1 });
    const res = await mgmt.get(`/api/v1/action-plans/${plan.id}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).not.toContain('877');
    expect(cells).not.toContain('777');
    expect(cells.join('|')).toContain('Kostnaden för 1 åtgärder med sekretess ingår inte');
  });

  it('a second plan for the same year answers 422 on year, also when two requests race', async () => {
    const t = await newTenant();
    const both = await Promise.all(['A', 'B', 'C', 'D'].map((title) => t.admin.post('/api/v1/action-plans', { year: 2031, title })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422, 422, 422]);
    const loser = both.find((r) => r.statusCode === 422)!;
    expect(loser.json().errors[0]).toMatchObject({ field: 'year', code: 'duplicate' });
    expect((await t.admin.post('/api/v1/action-plans', { year: 2031, title: 'C' })).statusCode).toBe(422);
  });
});
