import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { link, notificationsOf, supplier, supplierUser } from '../../../../test/fixtures/change-notices.js';
import { newTenant, testApp } from '../../../../test/helpers/app.js';
import { withTenant } from '../../db/tenant.js';
import { jobHandlers } from '../../job-handlers.js';
import { addDays, stockholmToday } from '../../platform/calendar.js';
import { ensureDailyJobs, runDueJobs } from '../../platform/scheduler/runner.js';
import { stockholmMoment } from '../../platform/scheduler/runner-util.js';
import { orderersConfirmationCheck } from './orderers.jobs.js';
import { orderersDue } from './portal.service.js';

type J = Record<string, any> & { id: string; version: number }; // eslint-disable-line @typescript-eslint/no-explicit-any
const v = (n: number) => ({ 'if-match': `"v${n}"` });

describe('supplier portal home (D0-11, D0-06, D0-30)', () => {
  it('D0-11: the orderers list is due for confirmation 180 days after the last one, and when never confirmed', () => {
    expect(orderersDue(null, '2026-11-23')).toEqual({ dueOn: null, due: true });
    expect(orderersDue(new Date('2026-05-27T10:00:00Z'), '2026-11-22')).toEqual({ dueOn: '2026-11-23', due: false });
    expect(orderersDue(new Date('2026-05-27T10:00:00Z'), '2026-11-23')).toEqual({ dueOn: '2026-11-23', due: true });
  });

  it('D0-11: the daily check asks the supplier admins of suppliers with an unconfirmed list, weekly until confirmed', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const stale = await supplier(t, 'Gammal lista AB', { orderersConfirmedAt: new Date(Date.now() - 200 * 86_400_000) });
    const never = await supplier(t, 'Aldrig AB');
    const fresh = await supplier(t, 'Färsk AB', { orderersConfirmedAt: new Date() });
    const staleAdmin = await supplierUser(t, stale);
    const neverAdmin = await supplierUser(t, never);
    const freshAdmin = await supplierUser(t, fresh);
    const staleOrderer = await supplierUser(t, stale, 'authorised_orderer');

    const opts = { publicUrl: 'https://tillit.test', instanceId: 'test', tenantIds: [t.tenantId] };
    const run = async (day: string) => {
      const now = stockholmMoment(day, 12);
      await ensureDailyJobs(database.db, [orderersConfirmationCheck], now, { tenantIds: [t.tenantId] });
      await runDueJobs(database.db, jobHandlers, { ...opts, now });
    };
    await run(addDays(stockholmToday(), 1));
    const told = await notificationsOf(t.tenantId, 'orderers-confirmation-due');
    expect(told.map((n) => n.user_id).sort()).toEqual([staleAdmin.userId, neverAdmin.userId].sort());
    expect(told.map((n) => n.user_id)).not.toContain(freshAdmin.userId);
    expect(told.map((n) => n.user_id)).not.toContain(staleOrderer.userId);
    expect(told.find((n) => n.user_id === staleAdmin.userId)).toMatchObject({
      subject_id: stale,
      link: '/portal',
      title: 'Gammal lista AB',
    });
    // the next day adds nothing within the same week; a week later they are asked again
    await run(addDays(stockholmToday(), 2));
    const afterTwo = (await notificationsOf(t.tenantId, 'orderers-confirmation-due')).length;
    expect(afterTwo === 2 || afterTwo === 4).toBe(true);
    await run(addDays(stockholmToday(), 9));
    expect((await notificationsOf(t.tenantId, 'orderers-confirmation-due')).length).toBeGreaterThan(afterTwo);
  });

  it('D0-06, D0-11: the portal shows a supplier user its own organisation’s to-dos only', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const own = await supplier(t, 'Omsorg AB');
    const sibling = await supplier(t, 'Konkurrent AB');
    const systemId = (await t.admin.post('/api/v1/systems', { name: 'Procapita', responsibleUnitId: t.unitId })).json<J>().id;
    await link(t, own, systemId);
    await link(t, sibling, systemId);
    const admin = await supplierUser(t, own);
    const superUser = await supplierUser(t, own, 'super_user');
    const n = (
      await t.admin.post('/api/v1/change-notices', {
        kind: 'system_change',
        title: 'Ny version',
        body: 'Uppgradering.',
        systemIds: [systemId],
        acknowledgeBy: addDays(stockholmToday(), 5),
      })
    ).json<J>();
    await t.admin.post(`/api/v1/change-notices/${n.id}/publish`, undefined, v(n.version));
    // the other areas' open work, written straight to their tables
    await withTenant(database.db, t.tenantId, async (tx) => {
      await tx.execute(sql`insert into supplier_follow_ups (tenant_id, supplier_id, title, planned_on, status)
        values (${t.tenantId}, ${own}, 'Uppföljning 2026', '2026-11-01', 'sent'), (${t.tenantId}, ${own}, 'Klar', '2026-01-01', 'closed'),
          (${t.tenantId}, ${sibling}, 'Deras', '2026-11-01', 'sent')`);
      await tx.execute(sql`insert into credentials (tenant_id, kind, supplier_id, holder_name, status)
        values (${t.tenantId}, 'e_id_card', ${own}, 'Anna', 'active'), (${t.tenantId}, 'sim_card', ${own}, 'Bo', 'revoked'),
          (${t.tenantId}, 'e_id_card', ${sibling}, 'Cilla', 'active')`);
    });

    const home = await admin.get('/api/v1/portal');
    expect(home.statusCode).toBe(200);
    const body = home.json<J>();
    expect(body.organisations).toHaveLength(1);
    expect(body.organisations[0]).toMatchObject({
      supplier: { id: own, name: 'Omsorg AB' },
      roles: ['supplier_admin'],
      followUpsToAnswer: 1,
      noticesToAcknowledge: 1,
      overdueNotices: 0,
      openAccessOrders: 0,
      activeCredentials: 1,
      orderersConfirmation: { confirmedAt: null, due: true, canConfirm: true },
      pendingNotices: [{ id: n.id, title: 'Ny version', overdue: false }],
    });
    expect(body.myIncidents).toEqual({ open: 0, total: 0 });

    // a super user sees notices but not the parts of the portal its role does not reach
    const su = (await superUser.get('/api/v1/portal')).json<J>().organisations[0];
    expect(su).toMatchObject({ followUpsToAnswer: null, openAccessOrders: null, activeCredentials: null, noticesToAcknowledge: 1 });
    expect(su.orderersConfirmation).toMatchObject({ canConfirm: false });

    await admin.post(`/api/v1/change-notices/${n.id}/acknowledge`, {});
    expect((await admin.get('/api/v1/portal')).json().organisations[0]).toMatchObject({ noticesToAcknowledge: 0, pendingNotices: [] });
    // a municipal user has no organisation on the portal
    expect((await t.admin.get('/api/v1/portal')).json()).toEqual({ organisations: [], myIncidents: { open: 0, total: 0 } });
  });

  it('D0-32, D3-31: the portal tells the staff where to turn: own support, super users, and the systemansvariga of their systems', async () => {
    const t = await newTenant();
    const own = await supplier(t, 'Hemtjänst AB');
    const open = (
      await t.admin.post('/api/v1/systems', { name: 'Lifecare', responsibleUnitId: t.unitId, systemAdministrators: ['Per Förvaltare'] })
    ).json<J>().id;
    const secret = (
      await t.admin.post('/api/v1/systems', {
        name: 'Skyddat system',
        responsibleUnitId: t.unitId,
        secret: true,
        secrecyProvision: '18 kap. 8 § OSL',
      })
    ).json<J>().id;
    await link(t, own, open);
    await link(t, own, secret);
    const s = (await t.admin.get(`/api/v1/suppliers/${own}`)).json<J>();
    const patched = await t.admin.patch(
      `/api/v1/suppliers/${own}`,
      { profile: { supportContact: { name: 'IT-support', phone: '0470-123 45', email: 'it@hemtjanst.example' } } },
      v(s.version),
    );
    expect(patched.statusCode, patched.body).toBe(200);
    const person = await t.admin.post(`/api/v1/suppliers/${own}/people`, { kind: 'super_user', name: 'Sanna Super', phone: '0470-555 55' });
    expect(person.statusCode, person.body).toBe(201);
    const gone = (
      await t.admin.post(`/api/v1/suppliers/${own}/people`, { kind: 'super_user', name: 'Slutat', validTo: '2020-01-01' })
    ).json<J>();
    expect(gone.id).toBeTruthy();
    const admin = await supplierUser(t, own);

    const support = (await admin.get('/api/v1/portal')).json<J>().organisations[0].support;
    expect(support.internal).toEqual({ name: 'IT-support', phone: '0470-123 45', email: 'it@hemtjanst.example' });
    expect(support.superUsers).toEqual([{ name: 'Sanna Super', phone: '0470-555 55', email: null }]);
    // a secret-marked system is not named to the supplier
    expect(support.systems).toEqual([{ name: 'Lifecare', administrators: ['Per Förvaltare'] }]);
  });
});
