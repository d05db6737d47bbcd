import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type Client, type TestTenant } from '../../../../test/helpers/app.js';
import { disposition, servedType } from './log-reviews.download.js';
import { addDays, stockholmToday } from '../../platform/calendar.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const meId = async (c: Client) => (await c.get('/api/v1/auth/me')).json<Json>().user.id as string;
const system = async (t: TestTenant, name = 'Procapita') =>
  (await t.admin.post('/api/v1/systems', { name, responsibleUnitId: t.unitId })).json<Json>().id as string;
const openReview = async (c: Client, planId: string) =>
  (await c.get(`/api/v1/log-reviews?planId=${planId}&status=open`)).json<Json>().items[0] as Json;

const BOUNDARY = '----tillit-test-boundary';

// A multipart body written by hand, so a test can send what a browser never would: a cut-off body, a
// file name with quotes or a hostile content type.
function multipart(fileName: string, type: string, content: Buffer) {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

const send = (c: Client, reviewId: string, etag: string, payload: Buffer) =>
  c.app.inject({
    method: 'POST',
    url: `/api/v1/log-reviews/${reviewId}/material`,
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrfToken,
      'if-match': etag,
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    },
    payload,
  });

async function systemReview(t: TestTenant) {
  const plan = (
    await t.admin.post('/api/v1/log-review-plans', { systemId: await system(t), reviewerUserId: await meId(t.admin) })
  ).json<Json>();
  return openReview(t.admin, plan.id);
}

describe('log-review material: upload and download hardening', () => {
  it('D0-16: a cut-off upload is a Swedish 400 problem, not a 500, and attaches nothing', async () => {
    const t = await newTenant();
    const r = await systemReview(t);
    const whole = multipart('logg.csv', 'text/csv', Buffer.alloc(64 * 1024, 97));
    const cut = await send(t.admin, r.id, '"v1"', whole.subarray(0, whole.length / 2));
    expect(cut.statusCode).toBe(400);
    expect(cut.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(cut.json<Json>()).toMatchObject({ type: 'urn:tillit:problem:bad-request', detail: 'Filen kom inte fram hel. Försök igen.' });
    // Cut inside the part's headers: no file began, so it is the "choose a file" field error.
    expect((await send(t.admin, r.id, '"v1"', whole.subarray(0, 40))).json<Json>().errors[0]).toMatchObject({ field: 'file' });
    expect((await t.admin.get(`/api/v1/log-reviews/${r.id}`)).json<Json>()).toMatchObject({ status: 'planned', material: null });
    expect((await send(t.admin, r.id, '"v1"', whole)).statusCode).toBe(200);
  });

  it('D0-16: the download never serves an active content type back, and the file name cannot break the header', async () => {
    const t = await newTenant();
    const r = await systemReview(t);
    const html = Buffer.from('<script>alert(1)</script>');
    const res = await send(t.admin, r.id, '"v1"', multipart('a\\"b(1)\'; x=å.html', 'text/html', html));
    expect(res.statusCode).toBe(200);
    const file = await t.admin.get(`/api/v1/log-reviews/${r.id}/material`);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="ab(1)'_ x=_.html"; filename*=UTF-8''ab%281%29%27%3B%20x%3D%C3%A5.html`,
    );
    expect(file.rawPayload.equals(html)).toBe(true);

    expect((await send(t.admin, r.id, '"v2"', multipart('logg.pdf', 'application/pdf', Buffer.from('%PDF-1.7')))).statusCode).toBe(200);
    expect((await t.admin.get(`/api/v1/log-reviews/${r.id}/material`)).headers['content-type']).toBe('application/pdf');
  });

  it('serves only allow-listed types and builds a header-safe Content-Disposition', () => {
    expect(servedType('text/csv')).toBe('text/csv');
    expect(servedType('text/csv; charset=utf-8')).toBe('text/csv; charset=utf-8');
    expect(servedType('Text/Plain; charset="windows-1252"')).toBe('text/plain; charset=windows-1252');
    expect(servedType('text/csv; charset=utf-8\r\nX-Evil: 1')).toBe('text/csv');
    expect(servedType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    for (const bad of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/javascript', '', 'text/csv2'])
      expect(servedType(bad), bad).toBe('application/octet-stream');

    const header = disposition('a"b\\c\r\nSet-Cookie: x=1;\u00e5\ud800.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]*$/);
    expect(header).toBe(
      `attachment; filename="a_b_c__Set-Cookie: x=1___.csv"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%3B%C3%A5%EF%BF%BD.csv`,
    );
  });

  it('D0-16 D0-07: the audit-trail extract of a supplier’s review holds its own staff’s activity only; a system review’s holds everyone’s', async () => {
    const t = await newTenant();
    const sys = await system(t, 'Lifecare');
    const own = (await t.admin.post('/api/v1/suppliers', { name: 'Omsorg AB' })).json<Json>().id as string;
    const other = (await t.admin.post('/api/v1/suppliers', { name: 'Annan AB' })).json<Json>().id as string;
    // Supplier consultants who also administer the system for the municipality: their work shows in Tillit's trail.
    const consultant = await memberWith(
      t,
      [
        { role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: own },
        { role: 'system_administrator', scopeType: 'systems', scopeSystemIds: [sys] },
      ],
      'konsult',
    );
    const stranger = await memberWith(
      t,
      [
        { role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: other },
        { role: 'system_administrator', scopeType: 'systems', scopeSystemIds: [sys] },
      ],
      'annan',
    );
    const municipal = await meId(t.editor);
    expect((await t.editor.patch(`/api/v1/systems/${sys}`, { supplier: 'Visma' }, { 'if-match': '"v1"' })).statusCode).toBe(200);
    expect((await consultant.patch(`/api/v1/systems/${sys}`, { supplier: 'Tieto' }, { 'if-match': '"v2"' })).statusCode).toBe(200);
    expect((await stranger.patch(`/api/v1/systems/${sys}`, { supplier: 'Evry' }, { 'if-match': '"v3"' })).statusCode).toBe(200);

    const today = stockholmToday();
    const period = { periodFrom: addDays(today, -1), periodTo: today };
    const extractOf = async (planBody: Json) => {
      const plan = (await t.admin.post('/api/v1/log-review-plans', { reviewerUserId: await meId(t.admin), ...planBody })).json<Json>();
      const review = (await t.admin.post(`/api/v1/log-review-plans/${plan.id}/reviews`, period)).json<Json>();
      const res = await t.admin.post(`/api/v1/log-reviews/${review.id}/audit-extract`, undefined, { 'if-match': '"v1"' });
      expect(res.statusCode).toBe(200);
      const lines = (await t.admin.get(`/api/v1/log-reviews/${review.id}/material`)).body.trim().split('\n').slice(1);
      return lines.map((l) => l.split(',')[1]);
    };

    const supplierActors = await extractOf({ supplierId: own, systemIds: [sys] });
    expect(supplierActors).toEqual([consultant.userId]);
    expect(supplierActors).not.toContain(municipal);
    expect(supplierActors).not.toContain(stranger.userId);
    const { database } = await testApp();
    const audited = (await database.db.execute(
      sql`select after->'extract' as extract from audit_events where tenant_id = ${t.tenantId} and action = 'log-review.audit-extract'`,
    )) as unknown as { rows: { extract: Json }[] };
    expect(audited.rows[0]!.extract).toMatchObject({ eventCount: 1, staffOfSupplierId: own });

    const systemActors = await extractOf({ systemId: sys });
    expect(new Set(systemActors)).toEqual(new Set([await meId(t.admin), municipal, consultant.userId, stranger.userId]));
  });
});
