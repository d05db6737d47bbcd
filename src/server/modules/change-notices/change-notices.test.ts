import { describe, expect, it } from 'vitest';
import { link, notificationsOf, supplier, supplierUser } from '../../../../test/fixtures/change-notices.js';
import { memberWith, newTenant, testApp, type Client, type TestTenant } from '../../../../test/helpers/app.js';
import { jobHandlers } from '../../job-handlers.js';
import { addDays, stockholmToday } from '../../platform/calendar.js';
import { ensureDailyJobs, runDueJobs } from '../../platform/scheduler/runner.js';
import { stockholmMoment } from '../../platform/scheduler/runner-util.js';
import { changeNoticeOverdueCheck } from './change-notices.jobs.js';

type J = Record<string, any> & { id: string; version: number }; // eslint-disable-line @typescript-eslint/no-explicit-any
const v = (n: number) => ({ 'if-match': `"v${n}"` });
const today = () => stockholmToday();

const system = async (t: TestTenant, name: string, unitId = t.unitId) =>
  (await t.admin.post('/api/v1/systems', { name, responsibleUnitId: unitId })).json<J>().id;

const draft = (c: Client, extra: Record<string, unknown>) =>
  c.post('/api/v1/change-notices', { kind: 'system_change', title: 'Ny version av Procapita', body: 'Uppgradering den 1 mars.', ...extra });

async function publish(c: Client, n: J) {
  return c.post(`/api/v1/change-notices/${n.id}/publish`, undefined, v(n.version));
}

describe('change notices (D0-06, D0-09, D0-41, D0-42, D0-45, D0-46, D3-10, D3-33)', () => {
  it('D0-06: publishing reaches every supplier linked to the system and those named, and tells their supplier admins', async () => {
    const t = await newTenant();
    const procapita = await system(t, 'Procapita');
    const linked = await supplier(t, 'Omsorg AB');
    const named = await supplier(t, 'Konsult AB');
    const unrelated = await supplier(t, 'Annan AB');
    const gone = await supplier(t, 'Nedlagd AB', { archived: true });
    await link(t, linked, procapita);
    await link(t, gone, procapita);
    const linkedAdmin = await supplierUser(t, linked);
    const namedAdmin = await supplierUser(t, named);
    const unrelatedAdmin = await supplierUser(t, unrelated);
    const orderer = await supplierUser(t, linked, 'authorised_orderer');

    const n = (await draft(t.editor, { systemIds: [procapita], supplierIds: [named], acknowledgeBy: addDays(today(), 14) })).json<J>();
    expect(n).toMatchObject({ status: 'draft', canPublish: true, recipients: [] });
    // a draft is not the suppliers' to see
    expect((await linkedAdmin.get(`/api/v1/change-notices/${n.id}`)).statusCode).toBe(404);
    expect((await linkedAdmin.get('/api/v1/change-notices')).json().items).toEqual([]);

    const res = await publish(t.editor, n);
    expect(res.statusCode).toBe(200);
    const out = res.json<J>();
    expect(out.status).toBe('published');
    expect(out.recipients.map((r: J) => r.supplierName)).toEqual(['Konsult AB', 'Omsorg AB']);
    expect(out.counts).toEqual({ recipients: 2, acknowledged: 0, overdue: 0 });

    const told = await notificationsOf(t.tenantId, 'change-notice-published');
    expect(told.map((x) => x.user_id).sort()).toEqual([linkedAdmin.userId, namedAdmin.userId].sort());
    expect(told[0]).toMatchObject({ link: `/change-notices/${n.id}`, subject_id: n.id });
    expect(told.map((x) => x.user_id)).not.toContain(unrelatedAdmin.userId);
    expect(told.map((x) => x.user_id)).not.toContain(orderer.userId);

    // a second publish is refused; the notice went out once
    expect((await publish(t.editor, out)).statusCode).toBe(409);
    const audit = await t.admin.get(`/api/v1/change-notices/${n.id}/history`);
    expect(audit.json().items.map((e: J) => e.action)).toEqual(expect.arrayContaining(['change-notice.create', 'change-notice.publish']));
  });

  it('D0-06: publishing with no linked or named supplier is refused with a field error', async () => {
    const t = await newTenant();
    const lonely = await system(t, 'Ensamt system');
    const n = (await draft(t.admin, { systemIds: [lonely] })).json<J>();
    const res = await publish(t.admin, n);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'systemIds', code: 'no_linked_suppliers' })]);
    const empty = (await draft(t.admin, {})).json<J>();
    expect((await publish(t.admin, empty)).json().errors[0]).toMatchObject({ field: 'systemIds', code: 'no_recipients' });
  });

  it('D0-06: a supplier sees only its own acknowledgement, acknowledges once, and another supplier cannot reach the notice', async () => {
    const t = await newTenant();
    const s1 = await supplier(t, 'Omsorg AB');
    const s2 = await supplier(t, 'Konkurrent AB');
    const s3 = await supplier(t, 'Utanför AB');
    const admin1 = await supplierUser(t, s1);
    const admin3 = await supplierUser(t, s3);
    const orderer1 = await supplierUser(t, s1, 'authorised_orderer');
    const n = (await draft(t.admin, { supplierIds: [s1, s2] })).json<J>();
    await publish(t.admin, n);

    const seen = (await admin1.get(`/api/v1/change-notices/${n.id}`)).json<J>();
    expect(seen.recipients.map((r: J) => r.supplierId)).toEqual([s1]);
    expect(seen.supplierIds).toEqual([s1]);
    expect(seen.canAcknowledgeFor).toEqual([s1]);
    expect(seen.allowedActions).toEqual(['read']);
    // the trail names every recipient: only the municipality reads it
    expect((await admin1.get(`/api/v1/change-notices/${n.id}/history`)).statusCode).toBe(404);
    expect((await admin3.get(`/api/v1/change-notices/${n.id}`)).statusCode).toBe(404);
    expect((await admin3.post(`/api/v1/change-notices/${n.id}/acknowledge`, {})).statusCode).toBe(404);
    // an orderer reads the notice but does not acknowledge for the organisation
    expect((await orderer1.get(`/api/v1/change-notices/${n.id}`)).statusCode).toBe(200);
    expect((await orderer1.post(`/api/v1/change-notices/${n.id}/acknowledge`, {})).statusCode).toBe(403);
    // a supplier admin edits nothing of the notice
    expect((await admin1.patch(`/api/v1/change-notices/${n.id}`, { title: 'x' }, v(seen.version))).statusCode).toBe(403);
    // acknowledging for another organisation is not possible
    expect((await admin1.post(`/api/v1/change-notices/${n.id}/acknowledge`, { supplierId: s2 })).statusCode).toBe(403);

    const ack = await admin1.post(`/api/v1/change-notices/${n.id}/acknowledge`, { comment: 'Vi har informerat personalen.' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().recipients[0]).toMatchObject({
      supplierId: s1,
      comment: 'Vi har informerat personalen.',
      acknowledgedByName: expect.any(String),
    });
    expect(ack.json().canAcknowledgeFor).toEqual([]);
    // a second acknowledgement keeps the first
    const again = await admin1.post(`/api/v1/change-notices/${n.id}/acknowledge`, { comment: 'igen' });
    expect(again.json().recipients[0].comment).toBe('Vi har informerat personalen.');

    const municipal = (await t.editor.get(`/api/v1/change-notices/${n.id}`)).json<J>();
    expect(municipal.counts).toMatchObject({ recipients: 2, acknowledged: 1 });
    expect(municipal.recipients.find((r: J) => r.supplierId === s2).acknowledgedAt).toBeNull();
    // the municipality may record an acknowledgement that came another way, naming the supplier
    const missing = await t.admin.post(`/api/v1/change-notices/${n.id}/acknowledge`, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0]).toMatchObject({ field: 'supplierId', code: 'required' });
    expect((await t.admin.post(`/api/v1/change-notices/${n.id}/acknowledge`, { supplierId: s3 })).json().errors[0].code).toBe(
      'not_recipient',
    );
    expect((await t.admin.post(`/api/v1/change-notices/${n.id}/acknowledge`, { supplierId: s2 })).json().counts.acknowledged).toBe(2);
    // the list filter for a supplier's pending notices
    expect((await admin1.get('/api/v1/change-notices?pending=true')).json().items).toEqual([]);
  });

  it('D0-09, D0-41, D0-45, D3-10: authentication, MDM, messaging and system replacement notices use the same mechanism', async () => {
    const t = await newTenant();
    const s = await supplier(t, 'Omsorg AB');
    const admin = await supplierUser(t, s);
    for (const kind of ['authentication', 'mdm', 'messaging', 'system_replacement']) {
      const n = (await draft(t.admin, { kind, title: `Byte: ${kind}`, supplierIds: [s] })).json<J>();
      expect((await publish(t.admin, n)).statusCode).toBe(200);
    }
    const mine = (await admin.get('/api/v1/change-notices?pending=true')).json().items as J[];
    expect(mine.map((n) => n.kind).sort()).toEqual(['authentication', 'mdm', 'messaging', 'system_replacement']);
    // D3-10: the replacement is acknowledged as the provider's commitment
    const replacement = mine.find((n) => n.kind === 'system_replacement')!;
    const ack = await admin.post(`/api/v1/change-notices/${replacement.id}/acknowledge`, {
      comment: 'Vi lägger in uppgifterna i nya systemet.',
    });
    expect(ack.json().recipients[0].acknowledgedAt).not.toBeNull();
  });

  it('D0-42: a mobile operator change carries the expected cost to the supplier', async () => {
    const t = await newTenant();
    const s = await supplier(t, 'Omsorg AB');
    const admin = await supplierUser(t, s);
    const n = (
      await draft(t.admin, {
        kind: 'mobile_operator',
        title: 'Byte av mobiloperatör',
        body: 'Berörd utrustning: 12 SIM-kort.',
        costImpact: true,
        supplierIds: [s],
      })
    ).json<J>();
    await publish(t.admin, n);
    expect((await admin.get(`/api/v1/change-notices/${n.id}`)).json()).toMatchObject({ costImpact: true, kind: 'mobile_operator' });
    expect((await draft(t.admin, { costImpact: 'ja' })).statusCode).toBe(422);
  });

  it('D0-46: an SDK connection request names the supplier and the date the connection is due', async () => {
    const t = await newTenant();
    const s = await supplier(t, 'Omsorg AB');
    const n = (await draft(t.admin, { kind: 'sdk_request', title: 'Anslut till SDK', body: 'Begäran om anslutning.' })).json<J>();
    const res = await publish(t.admin, n);
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: J) => `${e.field}:${e.code}`)
        .sort(),
    ).toEqual(['acknowledgeBy:required', 'supplierIds:required', 'systemIds:no_recipients']);
    const fixed = (
      await t.admin.patch(`/api/v1/change-notices/${n.id}`, { supplierIds: [s], acknowledgeBy: addDays(today(), 60) }, v(n.version))
    ).json<J>();
    expect((await publish(t.admin, fixed)).json()).toMatchObject({ status: 'published', acknowledgeBy: addDays(today(), 60) });
  });

  it('D3-33: an instruction needs an adaptation date; after publishing only the dates may change', async () => {
    const t = await newTenant();
    const s = await supplier(t, 'Omsorg AB');
    const n = (await draft(t.admin, { kind: 'instruction', title: 'Ny lösenordsanvisning', supplierIds: [s] })).json<J>();
    expect((await publish(t.admin, n)).json().errors[0]).toMatchObject({ field: 'effectiveOn', code: 'required' });
    const late = await t.admin.patch(
      `/api/v1/change-notices/${n.id}`,
      { effectiveOn: addDays(today(), 10), acknowledgeBy: addDays(today(), 20) },
      v(n.version),
    );
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0]).toMatchObject({ field: 'acknowledgeBy', code: 'after_effective' });
    const dated = (
      await t.admin.patch(
        `/api/v1/change-notices/${n.id}`,
        { effectiveOn: addDays(today(), 30), acknowledgeBy: addDays(today(), 7) },
        v(n.version),
      )
    ).json<J>();
    const sent = (await publish(t.admin, dated)).json<J>();
    expect(sent.effectiveOn).toBe(addDays(today(), 30));
    expect((await t.admin.patch(`/api/v1/change-notices/${n.id}`, { title: 'Annat' }, v(sent.version))).statusCode).toBe(409);
    const moved = await t.admin.patch(`/api/v1/change-notices/${n.id}`, { acknowledgeBy: addDays(today(), 10) }, v(sent.version));
    expect(moved.statusCode).toBe(200);
    // a stale version is refused
    expect(
      (await t.admin.patch(`/api/v1/change-notices/${n.id}`, { acknowledgeBy: addDays(today(), 9) }, v(sent.version))).statusCode,
    ).toBe(412);
  });

  it('D3-33: overdue acknowledgements are reminded daily to the supplier admins and the publisher', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const late = await supplier(t, 'Sen AB');
    const quick = await supplier(t, 'Snabb AB');
    const lateAdmin = await supplierUser(t, late);
    const quickAdmin = await supplierUser(t, quick);
    const publisher = await memberWith(t, [{ role: 'coordinator' }], 'publicerare');
    const n = (
      await draft(publisher, { kind: 'instruction', effectiveOn: addDays(today(), 5), acknowledgeBy: today(), supplierIds: [late, quick] })
    ).json<J>();
    expect((await publish(publisher, n)).statusCode).toBe(200);
    await quickAdmin.post(`/api/v1/change-notices/${n.id}/acknowledge`, {});

    const opts = { publicUrl: 'https://tillit.test', instanceId: 'test', tenantIds: [t.tenantId] };
    // on the acknowledge-by day itself nothing is overdue
    const sameDay = stockholmMoment(today(), 23);
    await ensureDailyJobs(database.db, [changeNoticeOverdueCheck], sameDay, { tenantIds: [t.tenantId] });
    await runDueJobs(database.db, jobHandlers, { ...opts, now: sameDay });
    expect(await notificationsOf(t.tenantId, 'change-notice-overdue')).toEqual([]);

    const tomorrow = stockholmMoment(addDays(today(), 1), 12);
    expect(await ensureDailyJobs(database.db, [changeNoticeOverdueCheck], tomorrow, { tenantIds: [t.tenantId] })).toBe(1);
    await runDueJobs(database.db, jobHandlers, { ...opts, now: tomorrow });
    const told = await notificationsOf(t.tenantId, 'change-notice-overdue');
    expect(told.map((x) => x.user_id).sort()).toEqual([lateAdmin.userId, publisher.userId].sort());
    expect(told.map((x) => x.user_id)).not.toContain(quickAdmin.userId);
    const seen = (await t.admin.get(`/api/v1/change-notices/${n.id}`)).json<J>();
    // (overdue in the API counts from the real today, the acknowledge-by day itself: not yet)
    expect(seen.counts).toMatchObject({ overdue: 0, acknowledged: 1 });
    expect(seen.recipients.find((r: J) => r.supplierId === late)).toMatchObject({ acknowledgedAt: null, remindedAt: expect.any(String) });

    // the next day reminds again, once
    const dayAfter = stockholmMoment(addDays(today(), 2), 12);
    await ensureDailyJobs(database.db, [changeNoticeOverdueCheck], dayAfter, { tenantIds: [t.tenantId] });
    await runDueJobs(database.db, jobHandlers, { ...opts, now: dayAfter });
    expect(await notificationsOf(t.tenantId, 'change-notice-overdue')).toHaveLength(4);
    // acknowledged or archived notices are no longer followed up
    await lateAdmin.post(`/api/v1/change-notices/${n.id}/acknowledge`, {});
    const third = stockholmMoment(addDays(today(), 3), 12);
    await ensureDailyJobs(database.db, [changeNoticeOverdueCheck], third, { tenantIds: [t.tenantId] });
    await runDueJobs(database.db, jobHandlers, { ...opts, now: third });
    expect(await notificationsOf(t.tenantId, 'change-notice-overdue')).toHaveLength(4);
  });

  it('D0-06: a unit-scoped system owner writes notices for its unit’s systems only; lists filter and validate', async () => {
    const t = await newTenant();
    const mine = await system(t, 'Vårt system');
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Annan', type: 'department' })).json<J>().id;
    const theirs = await system(t, 'Deras system', otherUnit);
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    expect((await draft(owner, { systemIds: [mine] })).statusCode).toBe(201);
    // a system out of the owner's reach reads as unknown
    expect((await draft(owner, { systemIds: [theirs] })).json().errors[0]).toMatchObject({ field: 'systemIds', code: 'unknown_reference' });
    expect((await draft(owner, {})).statusCode).toBe(403);
    const bad = await t.admin.post('/api/v1/change-notices', { kind: 'nope', title: '' });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: J) => e.field)
        .sort(),
    ).toEqual(['body', 'kind', 'title']);
    const list = (await owner.get(`/api/v1/change-notices?systemId=${mine}&status=draft`)).json().items as J[];
    expect(list).toHaveLength(1);
    expect(list[0]!.systems).toEqual([{ id: mine, name: 'Vårt system' }]);
  });
});
