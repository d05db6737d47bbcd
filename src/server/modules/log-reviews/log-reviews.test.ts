import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type Client, type TestTenant } from '../../../../test/helpers/app.js';
import { addDays, addMonths, stockholmToday } from '../../platform/calendar.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const meId = async (c: Client) => (await c.get('/api/v1/auth/me')).json<Json>().user.id as string;
const system = async (t: TestTenant, name = 'Procapita', unitId = t.unitId) =>
  (await t.admin.post('/api/v1/systems', { name, responsibleUnitId: unitId })).json<Json>().id as string;
const supplier = async (t: TestTenant, name = 'Omsorg AB') => (await t.admin.post('/api/v1/suppliers', { name })).json<Json>().id as string;

// A multipart upload as a browser sends it (FormData), through the app's own HTTP handling.
async function upload(c: Client, reviewId: string, etag: string | null, content: Buffer, name = 'loggutdrag.csv', type = 'text/csv') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type }), name);
  const encoded = new Response(form);
  const headers: Record<string, string> = {
    cookie: c.cookie,
    'x-csrf-token': c.csrfToken,
    'content-type': encoded.headers.get('content-type')!,
  };
  if (etag) headers['if-match'] = etag;
  return c.app.inject({
    method: 'POST',
    url: `/api/v1/log-reviews/${reviewId}/material`,
    headers,
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
}

async function auditActions(tenantId: string, entityId: string): Promise<string[]> {
  const { database } = await testApp();
  const res = (await database.db.execute(
    sql`select action from audit_events where tenant_id = ${tenantId} and entity_id = ${entityId} order by tenant_seq`,
  )) as unknown as { rows: { action: string }[] };
  return res.rows.map((r) => r.action);
}

const openReview = async (c: Client, planId: string) =>
  (await c.get(`/api/v1/log-reviews?planId=${planId}&status=open`)).json<Json>().items[0] as Json;

describe('log-control reviews (D0-16, D3-04, D0-07, D3-36)', () => {
  it('D3-04: a plan per IT system schedules its first review (default every 3 months), with a Swedish field error for what is wrong', async () => {
    const t = await newTenant();
    const sys = await system(t);
    const reviewer = await meId(t.editor);
    const res = await t.admin.post('/api/v1/log-review-plans', { systemId: sys, reviewerUserId: reviewer });
    expect(res.statusCode).toBe(201);
    const plan = res.json<Json>();
    expect(res.headers.location).toBe(`/api/v1/log-review-plans/${plan.id}`);
    expect(res.headers.etag).toBe('"v1"');
    const due = addMonths(stockholmToday(), 3);
    expect(plan).toMatchObject({
      subject: 'system',
      systems: [{ id: sys, name: 'Procapita' }],
      supplier: null,
      intervalMonths: 3,
      firstDueOn: due,
      reviewer: { id: reviewer },
      nextReview: { dueOn: due, status: 'planned', overdue: false },
      lastDone: null,
      allowedActions: ['read', 'update', 'archive', 'add-review'],
    });
    const review = await openReview(t.admin, plan.id);
    expect(review).toMatchObject({
      dueOn: due,
      periodFrom: stockholmToday(),
      periodTo: addDays(due, -1),
      status: 'planned',
      scheduled: true,
    });

    const bad = async (body: Json, field: string) => {
      const r = await t.admin.post('/api/v1/log-review-plans', { reviewerUserId: reviewer, ...body });
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json<Json>().errors[0].field).toBe(field);
      return r.json<Json>().errors[0].message as string;
    };
    expect(await bad({ systemId: sys, intervalMonths: 25 }, 'intervalMonths')).toBeTruthy();
    await bad({ systemId: sys, intervalMonths: 0 }, 'intervalMonths');
    expect(await bad({}, 'systemId')).toBe('Välj vilket IT-system eller vilken leverantör som ska granskas.');
    await bad({ systemId: (await newTenant()).unitId }, 'systemId');
    // a manager has no log-review role: cannot be the reviewer
    expect(await bad({ systemId: sys, reviewerUserId: await meId(t.reader) }, 'reviewerUserId')).toMatch(/^Personen kan inte granska/);
  });

  it('D0-16 D3-04: the municipality attaches the extract, the reviewer records the outcome, and the next review is due one interval later', async () => {
    const t = await newTenant();
    const sys = await system(t);
    const plan = (
      await t.admin.post('/api/v1/log-review-plans', {
        systemId: sys,
        reviewerUserId: await meId(t.editor),
        intervalMonths: 6,
        firstDueOn: '2026-03-31',
      })
    ).json<Json>();
    const r = await openReview(t.admin, plan.id);
    expect(r).toMatchObject({
      dueOn: '2026-03-31',
      periodFrom: '2025-09-30',
      periodTo: '2026-03-30',
      allowedActions: ['read', 'update', 'attach'],
    });

    const content = Buffer.from('tid;användare;händelse\n2026-01-02;anna;inloggning\n', 'utf8');
    expect((await upload(t.admin, r.id, null, content)).statusCode).toBe(428);
    expect((await upload(t.admin, r.id, '"v9"', content)).statusCode).toBe(412);
    const attached = await upload(t.admin, r.id, '"v1"', content, 'Logg åäö.csv');
    expect(attached.statusCode).toBe(200);
    expect(attached.json<Json>()).toMatchObject({
      status: 'material_attached',
      material: { kind: 'upload', fileName: 'Logg åäö.csv', size: content.length, contentType: 'text/csv' },
      allowedActions: ['read', 'update', 'attach', 'record-outcome'],
    });

    const file = await t.editor.get(`/api/v1/log-reviews/${r.id}/material`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(content)).toBe(true);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="Logg ___.csv"; filename*=UTF-8''Logg%20%C3%A5%C3%A4%C3%B6.csv`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');

    expect((await t.editor.post(`/api/v1/log-reviews/${r.id}/outcome`, { outcome: 'no_remarks' })).statusCode).toBe(428);
    const done = await t.editor.post(`/api/v1/log-reviews/${r.id}/outcome`, { outcome: 'no_remarks' }, { 'if-match': '"v2"' });
    expect(done.statusCode).toBe(200);
    expect(done.json<Json>()).toMatchObject({
      status: 'done',
      outcome: 'no_remarks',
      outcomeBy: { id: await meId(t.editor) },
      allowedActions: ['read'],
    });
    const next = await openReview(t.admin, plan.id);
    expect(next).toMatchObject({ dueOn: '2026-09-30', periodFrom: '2026-03-31', periodTo: '2026-09-29', status: 'planned' });

    // A done review is evidence: it is not changed, only followed by a new review.
    expect((await upload(t.admin, r.id, '"v3"', content)).statusCode).toBe(409);
    const again = await t.editor.post(
      `/api/v1/log-reviews/${r.id}/outcome`,
      { outcome: 'deviations', comment: 'x' },
      { 'if-match': '"v3"' },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json<Json>().detail).toMatch(/^Granskningen är avslutad/);
    expect((await t.admin.patch(`/api/v1/log-reviews/${r.id}`, { dueOn: '2026-01-01' }, { 'if-match': '"v3"' })).statusCode).toBe(409);
    const extra = await t.admin.post(`/api/v1/log-review-plans/${plan.id}/reviews`, { periodFrom: '2025-09-30', periodTo: '2026-03-30' });
    expect(extra.statusCode).toBe(201);
    expect(extra.json<Json>()).toMatchObject({ scheduled: false, status: 'planned', dueOn: stockholmToday() });

    const history = (await t.admin.get(`/api/v1/log-reviews?systemId=${sys}&status=done`)).json<Json>().items;
    expect(history.map((h: Json) => h.id)).toEqual([r.id]);
    expect(await auditActions(t.tenantId, r.id)).toEqual([
      'log-review.create',
      'log-review.attach-material',
      'log-review.download-material',
      'log-review.outcome',
    ]);
  });

  it('D0-16 D0-07 D3-36: a supplier’s administrator reviews its organisation’s material and records deviations, but sees no plans and attaches nothing', async () => {
    const t = await newTenant();
    const sys = await system(t, 'Lifecare');
    const own = await supplier(t, 'Omsorg AB');
    const other = await supplier(t, 'Annan AB');
    const supplierAdmin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: own }], 'leverantor');
    const otherAdmin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: other }], 'annan');
    const producer = await memberWith(t, [{ role: 'system_administrator', scopeType: 'systems', scopeSystemIds: [sys] }], 'forvaltare');
    const people = (await t.admin.get('/api/v1/log-review-plans/people')).json<Json>().items;
    expect(people.find((p: Json) => p.id === supplierAdmin.userId)).toMatchObject({ supplierId: own, municipal: false });
    // Another supplier's staff cannot review this supplier's plan.
    const wrong = await t.admin.post('/api/v1/log-review-plans', { supplierId: own, reviewerUserId: otherAdmin.userId });
    expect(wrong.statusCode).toBe(422);
    const plan = (
      await t.admin.post('/api/v1/log-review-plans', {
        supplierId: own,
        systemIds: [sys],
        reviewerUserId: supplierAdmin.userId,
        producerUserId: producer.userId,
        firstDueOn: '2026-02-01',
      })
    ).json<Json>();
    expect(plan).toMatchObject({ subject: 'supplier', supplier: { id: own, name: 'Omsorg AB' }, systems: [{ id: sys }] });

    // Plans are the municipality's: not listed, not readable, not changeable for the supplier.
    expect((await supplierAdmin.get('/api/v1/log-review-plans')).json<Json>().items).toEqual([]);
    expect((await supplierAdmin.get(`/api/v1/log-review-plans/${plan.id}`)).statusCode).toBe(404);
    expect(
      (await supplierAdmin.patch(`/api/v1/log-review-plans/${plan.id}`, { intervalMonths: 1 }, { 'if-match': '"v1"' })).statusCode,
    ).toBe(404);
    expect(
      (await supplierAdmin.post('/api/v1/log-review-plans', { supplierId: own, reviewerUserId: supplierAdmin.userId })).statusCode,
    ).toBe(403);

    const r = await openReview(supplierAdmin, plan.id);
    expect(r).toMatchObject({ subject: 'supplier', overdue: true, allowedActions: ['read'] });
    expect((await otherAdmin.get(`/api/v1/log-reviews/${r.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.get('/api/v1/log-reviews')).json<Json>().items).toEqual([]);
    // The municipality's system administrator produces the material (D0-16); the supplier does not.
    expect((await upload(supplierAdmin, r.id, '"v1"', Buffer.from('x'))).statusCode).toBe(403);
    expect((await supplierAdmin.post(`/api/v1/log-reviews/${r.id}/audit-extract`, undefined, { 'if-match': '"v1"' })).statusCode).toBe(403);
    const early = await supplierAdmin.post(`/api/v1/log-reviews/${r.id}/outcome`, { outcome: 'no_remarks' }, { 'if-match': '"v1"' });
    expect(early.statusCode).toBe(409);
    expect((await upload(producer, r.id, '"v1"', Buffer.from('användare;tid\n'))).statusCode).toBe(200);

    const seen = (await supplierAdmin.get(`/api/v1/log-reviews/${r.id}`)).json<Json>();
    expect(seen.allowedActions).toEqual(['read', 'record-outcome']);
    expect((await supplierAdmin.get(`/api/v1/log-reviews/${r.id}/material`)).body).toBe('användare;tid\n');
    const noComment = await supplierAdmin.post(`/api/v1/log-reviews/${r.id}/outcome`, { outcome: 'deviations' }, { 'if-match': '"v2"' });
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json<Json>().errors).toEqual([{ field: 'comment', code: 'required', message: 'Beskriv avvikelserna som hittades.' }]);
    const done = await supplierAdmin.post(
      `/api/v1/log-reviews/${r.id}/outcome`,
      { outcome: 'deviations', comment: 'Konto för slutad medarbetare användes 3 mars.' },
      { 'if-match': '"v2"' },
    );
    expect(done.statusCode).toBe(200);
    const followUp = done.json<Json>().followUps[0];
    expect(followUp).toMatchObject({
      description: 'Konto för slutad medarbetare användes 3 mars.',
      owner: { id: producer.userId },
      dueOn: addDays(stockholmToday(), 30),
      status: 'open',
      incidentId: null,
      measureId: null,
      allowedActions: ['read'],
    });

    // Follow-ups are the municipality's to run.
    const url = `/api/v1/log-reviews/${r.id}/follow-ups/${followUp.id}`;
    expect((await supplierAdmin.patch(url, { status: 'closed' }, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await producer.patch(url, { status: 'closed' }, { 'if-match': '"v2"' })).statusCode).toBe(412);
    const closed = await producer.patch(url, { status: 'closed' }, { 'if-match': '"v1"' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<Json>()).toMatchObject({ status: 'closed', closedBy: { id: producer.userId }, version: 2 });
    const added = await producer.post(`/api/v1/log-reviews/${r.id}/follow-ups`, { description: 'Se över rutinen för avslut' });
    expect(added.statusCode).toBe(201);
    expect(await auditActions(t.tenantId, followUp.id)).toEqual(['log-review-follow-up.create', 'log-review-follow-up.update']);
  });

  it('D3-04 D1-48: an extract of Tillit’s own audit trail for the system and its information assets in the period, as CSV; making it is audited', async () => {
    const t = await newTenant();
    const sys = await system(t, 'Ekonomisystem');
    const otherSys = await system(t, 'Annat system');
    const asset = (
      await t.admin.post('/api/v1/information-assets', { name: 'Leverantörsreskontra', unitId: t.unitId, systemIds: [sys] })
    ).json<Json>().id;
    await t.editor.patch(`/api/v1/systems/${sys}`, { supplier: 'Visma' }, { 'if-match': '"v1"' });
    await t.editor.patch(`/api/v1/systems/${otherSys}`, { supplier: 'Annan' }, { 'if-match': '"v1"' });
    const plan = (await t.admin.post('/api/v1/log-review-plans', { systemId: sys, reviewerUserId: await meId(t.admin) })).json<Json>();
    const today = stockholmToday();
    const extra = (
      await t.admin.post(`/api/v1/log-review-plans/${plan.id}/reviews`, { periodFrom: addDays(today, -1), periodTo: today })
    ).json<Json>();

    const res = await t.admin.post(`/api/v1/log-reviews/${extra.id}/audit-extract`, undefined, { 'if-match': '"v1"' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Json>()).toMatchObject({
      status: 'material_attached',
      material: { kind: 'audit_extract', contentType: 'text/csv; charset=utf-8' },
    });
    const csv = (await t.admin.get(`/api/v1/log-reviews/${extra.id}/material`)).body.trim().split('\n');
    expect(csv[0]).toBe(
      'at,actor_user_id,actor_display_name,action,entity_type,entity_id,before,after,request_id,client_address,tenant_seq,hash',
    );
    const actions = csv.slice(1).map((l) => l.split(',')[3]);
    expect(actions).toEqual(['system.create', 'information-asset.create', 'system.update']);
    expect(csv.join('\n')).not.toContain(otherSys);
    expect(csv[1]).toContain(await meId(t.admin));
    expect(csv[1]).toMatch(/,[0-9a-f]{64}$/);

    const { database } = await testApp();
    const event = (
      (await database.db.execute(
        sql`select after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${extra.id} and action = 'log-review.audit-extract'`,
      )) as unknown as { rows: { after: Json }[] }
    ).rows[0]!;
    expect(event.after.extract).toEqual({ eventCount: 3, systemIds: [sys], periodFrom: addDays(today, -1), periodTo: today });

    // A period before anything happened gives the header only; a supplier review without systems has no extract.
    const old = (
      await t.admin.post(`/api/v1/log-review-plans/${plan.id}/reviews`, { periodFrom: '2020-01-01', periodTo: '2020-12-31' })
    ).json<Json>();
    await t.admin.post(`/api/v1/log-reviews/${old.id}/audit-extract`, undefined, { 'if-match': '"v1"' });
    expect((await t.admin.get(`/api/v1/log-reviews/${old.id}/material`)).body.trim().split('\n')).toHaveLength(1);
    const sp = await supplier(t);
    const spPlan = (await t.admin.post('/api/v1/log-review-plans', { supplierId: sp, reviewerUserId: await meId(t.admin) })).json<Json>();
    const spReview = await openReview(t.admin, spPlan.id);
    const none = await t.admin.post(`/api/v1/log-reviews/${spReview.id}/audit-extract`, undefined, { 'if-match': '"v1"' });
    expect(none.statusCode).toBe(409);
    expect(none.json<Json>().detail).toMatch(/Ladda upp ett loggutdrag i stället/);
    void asset;
  });

  it('D3-04: overdue reviews are listed with status=overdue, only those the user may see', async () => {
    const t = await newTenant();
    const sysA = await system(t, 'System A');
    const unitB = (await t.admin.post('/api/v1/org-units', { name: 'Socialförvaltningen', type: 'department' })).json<Json>().id;
    const sysB = await system(t, 'System B', unitB);
    const admin = await meId(t.admin);
    const late = (
      await t.admin.post('/api/v1/log-review-plans', { systemId: sysA, reviewerUserId: admin, firstDueOn: '2025-01-31' })
    ).json<Json>();
    await t.admin.post('/api/v1/log-review-plans', { systemId: sysB, reviewerUserId: admin, firstDueOn: '2025-02-28' });
    await t.admin.post('/api/v1/log-review-plans', { systemId: sysA, reviewerUserId: admin });
    const overdue = (await t.admin.get('/api/v1/log-reviews?status=overdue')).json<Json>().items;
    expect(overdue.map((r: Json) => r.systems[0].name)).toEqual(['System A', 'System B']);
    expect(overdue[0]).toMatchObject({ planId: late.id, overdue: true, dueOn: '2025-01-31' });
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    expect((await owner.get('/api/v1/log-reviews?status=overdue')).json<Json>().items.map((r: Json) => r.systems[0].name)).toEqual([
      'System A',
    ]);
    expect((await t.reader.get('/api/v1/log-reviews?status=overdue')).statusCode).toBe(403);
    const page1 = (await t.admin.get('/api/v1/log-reviews?limit=2')).json<Json>();
    const page2 = (await t.admin.get(`/api/v1/log-reviews?limit=2&cursor=${page1.nextCursor}`)).json<Json>();
    expect([...page1.items, ...page2.items].map((r: Json) => r.dueOn)).toEqual([
      '2025-01-31',
      '2025-02-28',
      addMonths(stockholmToday(), 3),
    ]);
  });

  it('D0-16: scoped roles reach plans and reviews of their systems only; auditors read the evidence but change nothing', async () => {
    const t = await newTenant();
    const unitB = (await t.admin.post('/api/v1/org-units', { name: 'Barn och utbildning', type: 'department' })).json<Json>().id;
    const sysA = await system(t, 'System A');
    const sysB = await system(t, 'System B', unitB);
    const itManager = await memberWith(t, [{ role: 'it_manager', scopeType: 'unit', scopeUnitId: t.unitId }], 'itchef');
    const auditor = await memberWith(t, [{ role: 'auditor' }], 'revisor');
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    const me = await meId(t.admin);
    const planB = (await t.admin.post('/api/v1/log-review-plans', { systemId: sysB, reviewerUserId: me })).json<Json>();
    const created = await itManager.post('/api/v1/log-review-plans', { systemId: sysA, reviewerUserId: itManager.userId });
    expect(created.statusCode).toBe(201);
    expect((await itManager.post('/api/v1/log-review-plans', { systemId: sysB, reviewerUserId: itManager.userId })).statusCode).toBe(403);
    expect((await itManager.get(`/api/v1/log-review-plans/${planB.id}`)).statusCode).toBe(404);
    expect((await itManager.get('/api/v1/log-review-plans')).json<Json>().items.map((p: Json) => p.id)).toEqual([created.json<Json>().id]);
    const reviewB = await openReview(t.admin, planB.id);
    expect((await itManager.get(`/api/v1/log-reviews/${reviewB.id}`)).statusCode).toBe(404);
    expect((await upload(itManager, reviewB.id, '"v1"', Buffer.from('x'))).statusCode).toBe(404);

    await upload(t.admin, reviewB.id, '"v1"', Buffer.from('logg'));
    const seen = await auditor.get(`/api/v1/log-reviews/${reviewB.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<Json>().allowedActions).toEqual(['read']);
    expect((await auditor.get(`/api/v1/log-reviews/${reviewB.id}/material`)).statusCode).toBe(200);
    expect((await auditor.get(`/api/v1/log-review-plans/${planB.id}`)).json<Json>().allowedActions).toEqual(['read']);
    expect(
      (await auditor.post(`/api/v1/log-reviews/${reviewB.id}/outcome`, { outcome: 'no_remarks' }, { 'if-match': '"v2"' })).statusCode,
    ).toBe(403);
    expect((await upload(auditor, reviewB.id, '"v2"', Buffer.from('x'))).statusCode).toBe(403);
    expect((await auditor.post('/api/v1/log-review-plans', { systemId: sysA, reviewerUserId: me })).statusCode).toBe(403);
    expect((await employee.get('/api/v1/log-reviews')).statusCode).toBe(403);
    expect((await employee.get(`/api/v1/log-reviews/${reviewB.id}`)).statusCode).toBe(403);

    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/log-reviews/${reviewB.id}`)).statusCode).toBe(404);
    expect((await other.admin.get(`/api/v1/log-review-plans/${planB.id}`)).statusCode).toBe(404);
    expect(
      (await other.admin.post(`/api/v1/log-reviews/${reviewB.id}/outcome`, { outcome: 'no_remarks' }, { 'if-match': '"v2"' })).statusCode,
    ).toBe(404);
  });

  it('refuses a file over 25 MB with a Swedish 413 problem, and a request without a file with a field error', async () => {
    const t = await newTenant();
    const plan = (
      await t.admin.post('/api/v1/log-review-plans', { systemId: await system(t), reviewerUserId: await meId(t.admin) })
    ).json<Json>();
    const r = await openReview(t.admin, plan.id);
    const big = await upload(t.admin, r.id, '"v1"', Buffer.alloc(25 * 1024 * 1024 + 1, 97));
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(big.json<Json>().title).toBe('Filen är för stor. Den får vara högst 25 MB.');
    const none = await t.admin.post(`/api/v1/log-reviews/${r.id}/material`, {}, { 'if-match': '"v1"' });
    expect(none.statusCode).toBe(422);
    expect(none.json<Json>().errors[0]).toMatchObject({ field: 'file', message: 'Välj en fil med loggutdraget.' });
    expect((await t.admin.get(`/api/v1/log-reviews/${r.id}`)).json<Json>()).toMatchObject({
      status: 'planned',
      material: null,
      version: 1,
    });
    // Larger than the 1 MB limit of JSON bodies, well within the file limit.
    const fiveMb = await upload(t.admin, r.id, '"v1"', Buffer.alloc(5 * 1024 * 1024, 98));
    expect(fiveMb.statusCode).toBe(200);
    expect(fiveMb.json<Json>().material.size).toBe(5 * 1024 * 1024);
  });

  it('D3-04: changing a plan reschedules its unstarted review; archiving withdraws it, restoring schedules again; every write audited', async () => {
    const t = await newTenant();
    const plan = (
      await t.admin.post('/api/v1/log-review-plans', {
        systemId: await system(t),
        reviewerUserId: await meId(t.admin),
        firstDueOn: '2026-06-30',
      })
    ).json<Json>();
    const url = `/api/v1/log-review-plans/${plan.id}`;
    expect((await t.admin.patch(url, { intervalMonths: 12 })).statusCode).toBe(428);
    const changed = await t.admin.patch(url, { intervalMonths: 12, firstDueOn: '2026-12-31' }, { 'if-match': '"v1"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"v2"');
    const r = await openReview(t.admin, plan.id);
    expect(r).toMatchObject({ dueOn: '2026-12-31', periodFrom: '2025-12-31', periodTo: '2026-12-30', version: 2 });
    expect((await t.admin.patch(url, { note: 'x' }, { 'if-match': '"v1"' })).statusCode).toBe(412);
    expect((await t.admin.patch(url, { systemIds: [] }, { 'if-match': '"v2"' })).statusCode).toBe(422);

    const archived = await t.admin.post(`${url}/archive`, undefined, { 'if-match': '"v2"' });
    expect(archived.json<Json>()).toMatchObject({ archived: true, nextReview: null, allowedActions: ['read', 'restore'] });
    expect((await t.admin.get(`/api/v1/log-reviews/${r.id}`)).statusCode).toBe(404);
    const restored = await t.admin.post(`${url}/restore`, undefined, { 'if-match': '"v3"' });
    expect(restored.json<Json>()).toMatchObject({ archived: false, nextReview: { dueOn: '2026-12-31', status: 'planned' } });
    expect(await auditActions(t.tenantId, plan.id)).toEqual([
      'log-review-plan.create',
      'log-review-plan.update',
      'log-review-plan.archive',
      'log-review-plan.restore',
    ]);
    expect(await auditActions(t.tenantId, r.id)).toEqual(['log-review.create', 'log-review.reschedule', 'log-review.withdraw']);
  });
});
