import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../../../test/helpers/app.js';
import { detail, documented, patch, report, sqlIn, type J } from '../../../../test/fixtures/incidents.js';

const HOUR = 3_600_000;

describe('incident register: the contract and the record (D1-52, D1-53)', () => {
  it('contract: POST {title, awareAt} answers 201 with Location; the detail holds the five clocks, computed while unassessed', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/incidents', { title: 'Läckt lösenordsfil', awareAt: '2026-03-07T02:00:00+01:00' });
    expect(res.statusCode).toBe(201);
    const id = res.json<J>().id as string;
    expect(res.headers.location).toBe(`/api/v1/incidents/${id}`);
    expect(res.json<J>().reference).toMatch(/^INC-\d{4}-1$/);
    const { body } = await detail(t, id);
    expect(body.title).toBe('Läckt lösenordsfil');
    expect(body.status).toBe('reported');
    const byCode = Object.fromEntries((body.obligations as J[]).map((o) => [o.code, o]));
    for (const code of ['gdpr-art33', 'nis2-early-warning', 'nis2-notification', 'nis2-final-report', 'lex-maria']) {
      expect(byCode[code], code).toBeDefined();
      expect(byCode[code].applies).toBe('unassessed');
      expect(byCode[code].submittedAt).toBeNull();
      expect(typeof byCode[code].dueAt).toBe('string');
    }
    const aware = Date.parse('2026-03-07T02:00:00+01:00');
    expect(Date.parse(byCode['gdpr-art33'].dueAt) - aware).toBe(72 * HOUR);
    expect(Date.parse(byCode['nis2-early-warning'].dueAt) - aware).toBe(24 * HOUR);
    // the final report counts a month from the notification's due time while it is not submitted
    expect(Date.parse(byCode['nis2-final-report'].dueAt)).toBeGreaterThan(Date.parse(byCode['nis2-notification'].dueAt));
  });

  it('the report is refused with field errors when the title or the awareness time is missing or has no offset', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/incidents', { awareAt: '2026-03-07T02:00:00' });
    expect(res.statusCode).toBe(422);
    const fields = (res.json<J>().errors as J[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'awareAt']));
    const later = await t.admin.post('/api/v1/incidents', {
      title: 'x',
      awareAt: '2026-03-07T02:00:00Z',
      occurredAt: '2026-03-08T02:00:00Z',
    });
    expect(later.statusCode).toBe(422);
    expect(later.json<J>().errors[0].field).toBe('occurredAt');
  });

  it('numbers are per tenant and unique when many report at once', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => report(t, { title: `Samtidig ${i}` })));
    expect(made.map((m) => m.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await report(other)).number).toBe(1);
  });

  it('D1-53: an incident cannot be deleted, and closing needs the documentation (one 422 error per missing field)', async () => {
    const t = await newTenant();
    const { id } = await report(t);
    const del = await t.admin.del(`/api/v1/incidents/${id}`);
    expect(del.statusCode).toBe(404);
    const { app } = await testApp();
    expect(app.apiRoutes.filter((r) => r.url.startsWith('/api/v1/incidents') && r.method === 'DELETE')).toEqual([]);
    expect(app.apiRoutes.some((r) => r.url.startsWith('/api/v1/incidents/:id/archive'))).toBe(false);

    const refused = await patch(t, id, { status: 'closed', description: 'Kort beskrivning' });
    expect(refused.statusCode).toBe(422);
    const fields = (refused.json<J>().errors as J[]).map((e) => e.field).sort();
    expect(fields).toEqual(['conclusions', 'consequences', 'prevention', 'severity']);
    expect(refused.json<J>().errors[0].message).toMatch(/innan incidenten stängs/);

    const closed = await patch(t, id, { ...documented, status: 'closed', lessons: 'Utbilda om nätfiske.' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<J>().closedAt).not.toBeNull();
    // a closed incident keeps its documentation: it cannot be blanked
    const blank = await patch(t, id, { conclusions: '' });
    expect(blank.statusCode).toBe(422);
    // reopening clears the closing time
    const reopened = await patch(t, id, { status: 'resolved' });
    expect(reopened.json<J>().closedAt).toBeNull();
  });

  it('triage: If-Match is required and a stale version answers 412; a change that changes nothing keeps the version', async () => {
    const t = await newTenant();
    const { id } = await report(t);
    expect((await t.admin.patch(`/api/v1/incidents/${id}`, { severity: 'low' })).statusCode).toBe(428);
    expect((await t.admin.patch(`/api/v1/incidents/${id}`, { severity: 'low' }, { 'if-match': '"v99"' })).statusCode).toBe(412);
    const ok = await patch(t, id, { severity: 'low', handlingHours: 2.5, handlingCostSek: 1234.5, costPayer: 'municipality' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<J>()).toMatchObject({ severity: 'low', handlingHours: 2.5, handlingCostSek: 1234.5, version: 2 });
    const [row] = await sqlIn<{ ore: string }>(t, sql`select handling_cost_ore::text as ore from incidents where id = ${id}`);
    expect(row!.ore).toBe('123450');
    const again = await patch(t, id, { severity: 'low' });
    expect(again.json<J>().version).toBe(2);
  });

  it('triage: affected records must exist in the tenant; records of another tenant are refused', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirSystem = (await other.admin.post('/api/v1/systems', { name: 'Deras', responsibleUnitId: other.unitId })).json<J>().id;
    const { id } = await report(t);
    const res = await patch(t, id, { systemIds: [theirSystem], unitIds: [other.unitId], supplierIds: [other.unitId] });
    expect(res.statusCode).toBe(422);
    expect((res.json<J>().errors as J[]).map((e) => e.field).sort()).toEqual(['supplierIds', 'systemIds', 'unitIds']);
  });

  it('changing the awareness time recomputes every clock and is audited with before and after', async () => {
    const t = await newTenant();
    const { id } = await report(t, { awareAt: '2026-03-07T02:00:00+01:00' });
    const res = await patch(t, id, { awareAt: '2026-03-06T20:00:00+01:00' });
    expect(res.statusCode).toBe(200);
    const art33 = (res.json<J>().obligations as J[]).find((o) => o.code === 'gdpr-art33')!;
    expect(Date.parse(art33.dueAt)).toBe(Date.parse('2026-03-06T20:00:00+01:00') + 72 * HOUR);
    const audits = await sqlIn<{ action: string; before: J; after: J }>(
      t,
      sql`select action, before, after from audit_events where entity_id = ${id} and action like 'incident.%' order by seq`,
    );
    const recompute = audits.find((a) => a.action === 'incident.obligations-recompute');
    expect(recompute?.before.awareAt).toBe('2026-03-07T01:00:00.000Z');
    expect(recompute?.after.awareAt).toBe('2026-03-06T19:00:00.000Z');
    expect(audits.map((a) => a.action)).toContain('incident.update');
  });
});
