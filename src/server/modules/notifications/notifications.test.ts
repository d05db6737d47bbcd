import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp } from '../../../../test/helpers/app.js';
import { notifyDirect, userIdOf } from '../../../../test/scheduler/helpers.js';
import { rowsOf } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';

type N = { id: string; title: string; masked: boolean; readAt: string | null; kind: string; link: string | null };

describe('notification centre (own notifications only)', () => {
  it('lists my notifications newest first, pages, counts unread and marks one or all read', async () => {
    const t = await newTenant();
    const me = await userIdOf(t.editor);
    for (let i = 1; i <= 3; i++)
      await notifyDirect(t, { userIds: [me], kind: 'measure-due', title: `Påminnelse ${i}`, secret: false, link: '/measures' });
    expect((await t.editor.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 3 });
    const first = await t.editor.get('/api/v1/notifications?limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{ items: N[]; nextCursor: string }>();
    expect(page1.items.map((n) => n.title)).toEqual(['Påminnelse 3', 'Påminnelse 2']);
    const page2 = (await t.editor.get(`/api/v1/notifications?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)).json<{
      items: N[];
      nextCursor: string | null;
    }>();
    expect(page2.items.map((n) => n.title)).toEqual(['Påminnelse 1']);
    expect(page2.nextCursor).toBeNull();

    expect((await t.editor.post(`/api/v1/notifications/${page1.items[0]!.id}/read`)).statusCode).toBe(204);
    expect((await t.editor.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await t.editor.get('/api/v1/notifications?unread=true')).json<{ items: N[] }>();
    expect(unread.items.map((n) => n.title)).toEqual(['Påminnelse 2', 'Påminnelse 1']);
    expect((await t.editor.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await t.editor.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it("another person's notification is never visible: not listed, and marking it read answers 404", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const editor = await userIdOf(t.editor);
    await notifyDirect(t, { userIds: [editor], kind: 'measure-due', title: 'Till redaktören', secret: false });
    const id = (await t.editor.get('/api/v1/notifications')).json<{ items: N[] }>().items[0]!.id;
    expect((await t.reader.get('/api/v1/notifications')).json<{ items: N[] }>().items).toEqual([]);
    expect((await t.reader.post(`/api/v1/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await t.admin.post(`/api/v1/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/v1/notifications/${id}/read`)).statusCode).toBe(404);
    expect((await t.editor.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
    // not signed in
    const anon = await (await import('../../../../test/helpers/app.js')).anonymous();
    expect((await anon.get('/api/v1/notifications')).statusCode).toBe(401);
  });

  it('a secret subject shows its title only to someone who may see its content now; others get a generic title by kind', async () => {
    const t = await newTenant();
    const asset = (
      await t.admin.post('/api/v1/information-assets', {
        name: 'Skyddade personuppgifter',
        unitId: t.unitId,
        secret: true,
        secrecyProvision: '21 kap. 7 § OSL',
      })
    ).json<{ id: string }>().id;
    const editor = await userIdOf(t.editor);
    const reader = await userIdOf(t.reader);
    await notifyDirect(t, {
      userIds: [editor, reader],
      kind: 'classification-review-due',
      subjectType: 'information-asset',
      subjectId: asset,
      title: 'Skyddade personuppgifter',
      secret: true,
      link: `/information-assets/${asset}`,
    });
    // the system owner sees secret content in full; the manager sees it masked (policy table)
    const full = (await t.editor.get('/api/v1/notifications')).json<{ items: N[] }>().items[0]!;
    expect(full).toMatchObject({ title: 'Skyddade personuppgifter', masked: false });
    const masked = (await t.reader.get('/api/v1/notifications')).json<{ items: N[] }>().items[0]!;
    expect(masked).toMatchObject({ title: 'Klassning av en sekretessmarkerad informationsmängd', masked: true });
    const en = (await t.reader.get('/api/v1/notifications', { 'accept-language': 'en' })).json<{ items: N[] }>().items[0]!;
    expect(en.title).toBe('Classification of a secret-marked information asset');
    // the full read of the secret title is in the audit trail
    const { database } = await testApp();
    const audited = await withTenant(database.db, t.tenantId, async (tx) =>
      rowsOf<{ n: number }>(
        await tx.execute(
          sql`select count(*)::int as n from audit_events where tenant_id = ${t.tenantId} and action = 'information-asset.read-secret' and entity_id = ${asset}`,
        ),
      ),
    );
    expect(audited[0]!.n).toBeGreaterThan(0);
    // a grant that no longer covers the asset: masked, though the title was shown before
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    await notifyDirect(t, {
      userIds: [unitOwner.userId],
      kind: 'classification-review-due',
      subjectType: 'information-asset',
      subjectId: asset,
      title: 'Skyddade personuppgifter',
      secret: true,
    });
    expect((await unitOwner.get('/api/v1/notifications')).json<{ items: N[] }>().items[0]!.masked).toBe(false);
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Annan', type: 'department' })).json<{ id: string }>().id;
    const etag = (await t.admin.get(`/api/v1/information-assets/${asset}`)).headers.etag as string;
    expect((await t.admin.patch(`/api/v1/information-assets/${asset}`, { unitId: otherUnit }, { 'if-match': etag })).statusCode).toBe(200);
    expect((await unitOwner.get('/api/v1/notifications')).json<{ items: N[] }>().items[0]).toMatchObject({
      masked: true,
      title: 'Klassning av en sekretessmarkerad informationsmängd',
    });
  });

  it('an incident (secret-marked by default) shows its title to the coordinator and a generic title to a manager', async () => {
    const t = await newTenant();
    const made = await t.admin.post('/api/v1/incidents', { title: 'Intrång i lönesystemet', awareAt: new Date().toISOString() });
    expect(made.statusCode).toBe(201);
    const incident = made.json<{ id: string }>();
    expect((await t.admin.get(`/api/v1/incidents/${incident.id}`)).json<{ secret: boolean }>().secret).toBe(true);
    const admin = await userIdOf(t.admin);
    const reader = await userIdOf(t.reader);
    await notifyDirect(t, {
      userIds: [admin, reader],
      kind: 'obligation-reminder',
      key: 'test-incident-masking',
      subjectType: 'incident',
      subjectId: incident.id,
      title: 'Intrång i lönesystemet',
      secret: true,
      link: `/incidents/${incident.id}`,
    });
    const find = async (c: typeof t.admin) =>
      (await c.get('/api/v1/notifications'))
        .json<{ items: (N & { subjectId: string })[] }>()
        .items.find((n) => n.kind === 'obligation-reminder');
    expect(await find(t.admin)).toMatchObject({ title: 'Intrång i lönesystemet', masked: false });
    expect(await find(t.reader)).toMatchObject({ title: 'Anmälan för en sekretessmarkerad incident', masked: true });
  });

  it('a secret notification of a subject type without a resolver stays masked for everyone', async () => {
    const t = await newTenant();
    const me = await userIdOf(t.admin);
    await notifyDirect(t, {
      userIds: [me],
      kind: 'incident-reported',
      subjectType: 'okänd-typ',
      subjectId: crypto.randomUUID(),
      title: 'Dataintrång hos HR',
      secret: true,
    });
    expect((await t.admin.get('/api/v1/notifications')).json<{ items: N[] }>().items[0]).toMatchObject({
      title: 'Sekretessmarkerad incident',
      masked: true,
    });
  });
});

describe('notification preferences', () => {
  type P = { kind: string; inApp: boolean; email: boolean; isDefault: boolean; label: { sv: string; en: string } };

  it('lists every kind with Swedish and English labels and its defaults, and saves my choices', async () => {
    const t = await newTenant();
    const before = (await t.editor.get('/api/v1/notifications/preferences')).json<{ items: P[] }>().items;
    expect(before.map((p) => p.kind)).toEqual(
      expect.arrayContaining([
        'incident-reported',
        'incident-crisis',
        'obligation-reminder',
        'exercise-due',
        'measure-due',
        'classification-review-due',
        'risk-analysis-update-due',
      ]),
    );
    expect(before.every((p) => p.isDefault && p.inApp && p.email && p.label.sv && p.label.en)).toBe(true);
    const saved = await t.editor.put('/api/v1/notifications/preferences', { items: [{ kind: 'measure-due', inApp: true, email: false }] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ items: P[] }>().items.find((p) => p.kind === 'measure-due')).toMatchObject({
      inApp: true,
      email: false,
      isDefault: false,
    });
    // only mine
    expect(
      (await t.reader.get('/api/v1/notifications/preferences')).json<{ items: P[] }>().items.find((p) => p.kind === 'measure-due'),
    ).toMatchObject({ email: true, isDefault: true });
  });

  it('an unknown kind is a field error (422), not a 500', async () => {
    const t = await newTenant();
    const res = await t.editor.put('/api/v1/notifications/preferences', { items: [{ kind: 'finns-inte', inApp: true, email: true }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'items.0.kind', code: 'unknown_kind' });
    expect((await t.editor.put('/api/v1/notifications/preferences', { items: [] })).statusCode).toBe(422);
    expect((await t.editor.put('/api/v1/notifications/preferences', { items: [{ kind: 'measure-due', inApp: 'ja' }] })).statusCode).toBe(
      422,
    );
  });

  it('e-mail switched off: the notification lands in the app and no mail is queued; both off: nothing at all', async () => {
    const t = await newTenant();
    const me = await userIdOf(t.editor);
    await t.editor.put('/api/v1/notifications/preferences', {
      items: [
        { kind: 'measure-due', inApp: true, email: false },
        { kind: 'exercise-due', inApp: false, email: false },
      ],
    });
    await notifyDirect(t, { userIds: [me], kind: 'measure-due', title: 'Bara i appen', secret: false });
    await notifyDirect(t, { userIds: [me], kind: 'exercise-due', title: 'Inget alls', secret: false });
    await notifyDirect(t, { userIds: [me], kind: 'risk-analysis-update-due', title: 'Båda', secret: false });
    const { database } = await testApp();
    const outbox = rowsOf<{ subject: string; body: string }>(
      await database.db.execute(sql`select subject, body from mail_outbox where tenant_id = ${t.tenantId}`),
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.body).toContain('Båda');
    const titles = (await t.editor.get('/api/v1/notifications')).json<{ items: N[] }>().items.map((n) => n.title);
    expect(titles).toEqual(['Båda', 'Bara i appen']);
  });
});
