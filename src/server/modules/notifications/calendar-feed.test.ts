import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anonymous, memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { inDays, parseIcs, userIdOf } from '../../../../test/scheduler/helpers.js';
import { redactUrl } from '../../app.js';
import { rowsOf } from '../../db/rows.js';

type Feed = { url: string; createdAt: string };

const pathOf = (url: string) => new URL(url).pathname;

async function measure(t: TestTenant, extra: Record<string, unknown>) {
  const res = await t.admin.post('/api/v1/measures', { origin: 'other', basis: 'Uppföljning', unitId: t.unitId, ...extra });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<{ id: string }>().id;
}

describe('ICS calendar feed of my deadlines', () => {
  it('creates an address shown once (kept hashed), serves my deadlines as ICS, and 404s once revoked', async () => {
    const t = await newTenant();
    const editor = await userIdOf(t.editor);
    const due = inDays(5);
    const mine = await measure(t, { title: 'Byt brandväggsregler', ownerUserId: editor, dueOn: due });
    await measure(t, { title: 'Någon annans', ownerUserId: await userIdOf(t.reader), dueOn: due });

    expect((await t.editor.get('/api/v1/notifications/calendar-feed')).json()).toMatchObject({ active: false });
    const created = await t.editor.post('/api/v1/notifications/calendar-feed');
    expect(created.statusCode).toBe(201);
    const feed = created.json<Feed>();
    expect(feed.url).toMatch(/^http:\/\/localhost:3000\/api\/v1\/calendar\/tillit_cal_[A-Za-z0-9_-]{43}\.ics$/);
    const token = /(tillit_cal_[^.]+)\.ics$/.exec(feed.url)![1]!;
    const { database } = await testApp();
    const stored = rowsOf<{ token_hash: string }>(
      await database.db.execute(sql`select token_hash from calendar_feed_tokens where tenant_id = ${t.tenantId}`),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    expect((await t.editor.get('/api/v1/notifications/calendar-feed')).json()).toMatchObject({ active: true });

    const anon = await anonymous();
    const res = await anon.get(pathOf(feed.url));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const events = parseIcs(res.body);
    expect(events.map((e) => e.SUMMARY)).toEqual(['Byt brandväggsregler']);
    expect(events[0]!.DTSTART).toBe(due.replace(/-/g, ''));
    expect(events[0]!.URL).toBe(`http://localhost:3000/measures/${mine}`);

    expect((await t.editor.del('/api/v1/notifications/calendar-feed')).statusCode).toBe(204);
    expect((await anon.get(pathOf(feed.url))).statusCode).toBe(404);
    expect((await t.editor.get('/api/v1/notifications/calendar-feed')).json()).toMatchObject({ active: false });
  });

  it('the request log never shows a feed address in full', () => {
    expect(redactUrl(`/api/v1/calendar/tillit_cal_${'x'.repeat(43)}.ics`)).toBe('/api/v1/calendar/***.ics');
  });

  it('a new address replaces the old one; unknown or malformed addresses are 404', async () => {
    const t = await newTenant();
    const first = (await t.editor.post('/api/v1/notifications/calendar-feed')).json<Feed>();
    const second = (await t.editor.post('/api/v1/notifications/calendar-feed')).json<Feed>();
    const anon = await anonymous();
    expect((await anon.get(pathOf(first.url))).statusCode).toBe(404);
    expect((await anon.get(pathOf(second.url))).statusCode).toBe(200);
    expect((await anon.get(`/api/v1/calendar/tillit_cal_${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await anon.get('/api/v1/calendar/inte-en-token')).statusCode).toBe(404);
  });

  it('secret titles are masked unless the person may see the content; a disabled person gets 404', async () => {
    const t = await newTenant();
    const owner = await memberWith(t, [{ role: 'manager' }], 'chef');
    const due = inDays(10);
    await measure(t, { title: 'Hemlig åtgärd', ownerUserId: owner.userId, dueOn: due, secret: true, secrecyProvision: '18 kap. 8 § OSL' });
    await measure(t, { title: 'Öppen åtgärd', ownerUserId: owner.userId, dueOn: due });
    const feed = (await owner.post('/api/v1/notifications/calendar-feed')).json<Feed>();
    const anon = await anonymous();
    const titles = parseIcs((await anon.get(pathOf(feed.url))).body)
      .map((e) => e.SUMMARY)
      .sort();
    // a manager sees secret records masked (policy table): the title never reaches the calendar
    expect(titles).toEqual(['Sekretessmarkerad åtgärd', 'Öppen åtgärd']);
    expect((await anon.get(pathOf(feed.url))).body).not.toContain('Hemlig åtgärd');
    // the system owner (full view of secret content) sees the title
    const editor = await userIdOf(t.editor);
    await measure(t, { title: 'Hemlig för ägaren', ownerUserId: editor, dueOn: due, secret: true, secrecyProvision: '18 kap. 8 § OSL' });
    const editorFeed = (await t.editor.post('/api/v1/notifications/calendar-feed')).json<Feed>();
    expect(parseIcs((await anon.get(pathOf(editorFeed.url))).body).map((e) => e.SUMMARY)).toContain('Hemlig för ägaren');

    // deactivated by the coordinator: the address stops working at once
    expect((await t.admin.post(`/api/v1/users/${owner.userId}/deactivate`, {})).statusCode).toBeLessThan(300);
    expect((await anon.get(pathOf(feed.url))).statusCode).toBe(404);
  });

  it('classification reviews and risk analysis updates appear for those responsible for the unit', async () => {
    const t = await newTenant();
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    const asset = (await t.admin.post('/api/v1/information-assets', { name: 'Elevregister', unitId: t.unitId })).json<{ id: string }>().id;
    const { database } = await testApp();
    const review = inDays(20);
    await database.db.execute(sql`insert into asset_classifications (tenant_id, asset_id, confidentiality, integrity, availability,
      traceability, reasons, next_review_on) values (${t.tenantId}, ${asset}, 2, 2, 1, 1, '{}'::jsonb, ${review})`);
    await database.db.execute(sql`insert into risk_analyses (tenant_id, title, analysed_on, unit_id, next_update_on)
      values (${t.tenantId}, 'RSA Skola', '2026-01-10', ${t.unitId}, ${inDays(40)})`);
    const feed = (await unitOwner.post('/api/v1/notifications/calendar-feed')).json<Feed>();
    const events = parseIcs((await (await anonymous()).get(pathOf(feed.url))).body);
    expect(events.map((e) => e.SUMMARY).sort()).toEqual(['Elevregister', 'RSA Skola']);
    // the coordinator is not responsible where a unit's own system owner is
    const adminFeed = (await t.admin.post('/api/v1/notifications/calendar-feed')).json<Feed>();
    expect(parseIcs((await (await anonymous()).get(pathOf(adminFeed.url))).body)).toEqual([]);
  });
});
