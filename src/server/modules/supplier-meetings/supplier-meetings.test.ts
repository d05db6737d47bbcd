import { describe, expect, it } from 'vitest';
import { memberWith, newTenant } from '../../../../test/helpers/app.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('supplier collaboration meetings (issue 7)', () => {
  it('D1-29: the municipality logs meetings with a supplier (topics, decisions, next meeting) and sees when the next is overdue', async () => {
    const t = await newTenant();
    const a = (await t.admin.post('/api/v1/suppliers', { name: 'Driftpartner AB' })).json<J>().id;
    const b = (await t.admin.post('/api/v1/suppliers', { name: 'Konkurrent AB' })).json<J>().id;
    const first = await t.admin.post('/api/v1/supplier-meetings', {
      supplierId: a,
      heldOn: '2025-09-01',
      participants: 'IT-chef, leverantörens driftchef',
      topics: 'Patchning, backup, nätverksplan 2026',
      decisions: 'Investeringsbehov: ny brandvägg 2026',
      nextOn: '2025-12-01',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json<J>()).toMatchObject({ supplierName: 'Driftpartner AB', nextOverdue: true, allowedActions: ['read', 'update'] });
    expect(
      (await t.admin.post('/api/v1/supplier-meetings', { supplierId: a, heldOn: '2026-01-10', topics: 'x', nextOn: '2026-01-01' }))
        .statusCode,
    ).toBe(422);
    const second = (
      await t.admin.post('/api/v1/supplier-meetings', { supplierId: a, heldOn: '2026-01-10', topics: 'Uppföljning', nextOn: '2099-01-01' })
    ).json<J>();
    await t.admin.post('/api/v1/supplier-meetings', { supplierId: b, heldOn: '2026-01-11', topics: 'Annat' });
    const list = (await t.admin.get(`/api/v1/supplier-meetings?supplierId=${a}`)).json<J>().items;
    // newest first; only the latest meeting's "next" counts
    expect(list.map((m: J) => [m.heldOn, m.nextOverdue])).toEqual([
      ['2026-01-10', false],
      ['2025-09-01', false],
    ]);
    const changed = await t.admin.patch(
      `/api/v1/supplier-meetings/${second.id}`,
      { decisions: 'Ny brandvägg beställd' },
      { 'if-match': '"v1"' },
    );
    expect(changed.json<J>()).toMatchObject({ decisions: 'Ny brandvägg beställd', version: 2 });
    // the supplier's admin reads its own meetings, writes none, and sees no other supplier's
    const adminA = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: a }], 'lev-admin');
    const theirs = (await adminA.get('/api/v1/supplier-meetings')).json<J>().items;
    expect(theirs.map((m: J) => m.supplierId)).toEqual([a, a]);
    expect(theirs[0].allowedActions).toEqual(['read']);
    expect((await adminA.patch(`/api/v1/supplier-meetings/${second.id}`, { topics: 'y' }, { 'if-match': '"v2"' })).statusCode).toBe(403);
    expect((await adminA.post('/api/v1/supplier-meetings', { supplierId: a, heldOn: '2026-02-01', topics: 'z' })).statusCode).toBe(403);
    const bMeeting = (await t.admin.get(`/api/v1/supplier-meetings?supplierId=${b}`)).json<J>().items[0].id;
    expect((await adminA.get(`/api/v1/supplier-meetings/${bMeeting}`)).statusCode).toBe(404);
    // a correction is audited with what it said before
    const trail = JSON.stringify((await t.admin.get(`/api/v1/audit/events?entityType=supplier-meeting&entityId=${second.id}`)).json());
    expect(trail).toContain('Ny brandvägg beställd');
  });
});
