import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type TestTenant } from '../../../../test/helpers/app.js';
import { addStockholmMonths } from '../../../shared/incident-clocks.js';
import { detail, patch, report, sqlIn, type J } from '../../../../test/fixtures/incidents.js';

const HOUR = 3_600_000;
const url = (id: string, code: string) => `/api/v1/incidents/${id}/obligations/${code}`;
const byCode = (obligations: J[]) => Object.fromEntries(obligations.map((o) => [o.code, o]));
const clocks = async (t: TestTenant, id: string) => byCode((await detail(t, id)).body.obligations as J[]);
const errorFields = (res: { json: <T>() => T }) => (res.json<J>().errors as J[]).map((e) => e.field);
// a whole hour in the past, so "now" in a test is well after it
const hoursAgo = (h: number) => new Date(Math.floor(Date.now() / HOUR) * HOUR - h * HOUR);

describe('reporting obligations of an incident (D1-37, D2-26)', () => {
  it('D1-37: contract: PATCH …/obligations/{code} sets applies, submittedAt, reference and lateReason', async () => {
    const t = await newTenant();
    const aware = hoursAgo(100);
    const { id } = await report(t, { awareAt: aware.toISOString() });
    const submittedAt = new Date(aware.getTime() + 80 * HOUR).toISOString();
    // after the 72 h: a reason for the delay is required
    const late = await t.admin.patch(url(id, 'gdpr-art33'), { applies: 'yes', submittedAt, reference: 'IMY-2026-4711' });
    expect(late.statusCode).toBe(422);
    expect(late.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(errorFields(late)).toEqual(['lateReason']);
    const ok = await t.admin.patch(url(id, 'gdpr-art33'), {
      applies: 'yes',
      submittedAt,
      reference: 'IMY-2026-4711',
      lateReason: 'Omfattningen var oklar under helgen.',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe(`"v${ok.json<J>().version}"`);
    expect(ok.json<J>()).toMatchObject({ code: 'gdpr-art33', applies: 'yes', reference: 'IMY-2026-4711', late: true, overdue: false });
    const art33 = (await clocks(t, id))['gdpr-art33'];
    expect(art33).toMatchObject({ applies: 'yes', reference: 'IMY-2026-4711', lateReason: 'Omfattningen var oklar under helgen.' });
    expect(Date.parse(art33.submittedAt)).toBe(Date.parse(submittedAt));
    expect(Date.parse(art33.dueAt) - aware.getTime()).toBe(72 * HOUR);
    // the open early warning is overdue and says so
    expect((await clocks(t, id))['nis2-early-warning']).toMatchObject({ applies: 'unassessed', overdue: true });
    // a stale If-Match is refused; none is needed
    expect((await t.admin.patch(url(id, 'gdpr-art33'), { reference: 'x' }, { 'if-match': '"v1"' })).statusCode).toBe(412);
    const audit = await sqlIn<{ before: J; after: J }>(
      t,
      sql`select before, after from audit_events where entity_id = ${id} and action = 'incident.obligation-update' order by seq`,
    );
    expect(audit).toHaveLength(1);
    // a secret incident's reasons and references are kept in the trail as hashes
    expect(JSON.stringify(audit[0]!.after)).not.toContain('IMY-2026-4711');
  });

  it('D1-37: validation: "no" needs a reason, the submission time lies between awareness and now, unknown codes are 404', async () => {
    const t = await newTenant();
    const aware = hoursAgo(10);
    const { id } = await report(t, { awareAt: aware.toISOString() });
    const no = await t.admin.patch(url(id, 'lex-maria'), { applies: 'no' });
    expect(no.statusCode).toBe(422);
    expect(errorFields(no)).toEqual(['appliesReason']);
    expect(no.json<J>().errors[0].message).toMatch(/varför/);
    const en = await t.admin.patch(url(id, 'lex-maria'), { applies: 'no', appliesReason: '  ' }, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(422);
    expect(en.json<J>().errors[0].message).toMatch(/why/);
    const fine = await t.admin.patch(url(id, 'lex-maria'), { applies: 'no', appliesReason: 'Ingen vård berörs.' });
    expect(fine.json<J>()).toMatchObject({ applies: 'no', appliesReason: 'Ingen vård berörs.', overdue: false });
    const early = await t.admin.patch(url(id, 'gdpr-art33'), { submittedAt: new Date(aware.getTime() - HOUR).toISOString() });
    expect(early.statusCode).toBe(422);
    expect(early.json<J>().errors[0]).toMatchObject({ field: 'submittedAt', code: 'before_awareness' });
    const future = await t.admin.patch(url(id, 'gdpr-art33'), { submittedAt: new Date(Date.now() + 2 * HOUR).toISOString() });
    expect(future.json<J>().errors[0]).toMatchObject({ field: 'submittedAt', code: 'in_future' });
    const noOffset = await t.admin.patch(url(id, 'gdpr-art33'), { submittedAt: '2026-11-20T10:00:00' });
    expect(noOffset.statusCode).toBe(422);
    expect((await t.admin.patch(url(id, 'gdpr-art33'), { applies: 'maybe' })).statusCode).toBe(422);
    expect((await t.admin.patch(url(id, 'gdpr-art33'), { colour: 'red' })).statusCode).toBe(422);
    expect((await t.admin.patch(url(id, 'msbfs-2020-8'), { applies: 'yes' })).statusCode).toBe(404);
    expect((await t.admin.patch(url('00000000-0000-4000-8000-000000000000', 'gdpr-art33'), { applies: 'yes' })).statusCode).toBe(404);
    // recording a submission settles an open assessment as "applies"
    const sent = await t.admin.patch(url(id, 'gdpr-art33'), { submittedAt: new Date(aware.getTime() + HOUR).toISOString() });
    expect(sent.json<J>()).toMatchObject({ applies: 'yes', late: false });
    // and a submitted report cannot be declared not applicable without removing the submission
    const contradict = await t.admin.patch(url(id, 'gdpr-art33'), { applies: 'no', appliesReason: 'Fel' });
    expect(errorFields(contradict)).toEqual(['applies']);
  });

  it('D2-26: the final report is due one month after the notification is submitted, and after its due time while it is not', async () => {
    const t = await newTenant();
    const aware = new Date('2026-10-20T09:00:00+02:00');
    const { id } = await report(t, { awareAt: aware.toISOString() });
    const before = await clocks(t, id);
    const notificationDue = new Date(before['nis2-notification'].dueAt);
    expect(notificationDue.getTime() - aware.getTime()).toBe(72 * HOUR);
    // 23 Oct 09:00 summer time + 1 month = 23 Nov 09:00 winter time
    expect(before['nis2-final-report'].dueAt).toBe(addStockholmMonths(notificationDue, 1).toISOString());
    expect(before['nis2-final-report'].dueAt).toBe('2026-11-23T08:00:00.000Z');
    const submitted = '2026-10-21T16:30:00+02:00';
    expect((await t.admin.patch(url(id, 'nis2-notification'), { applies: 'yes', submittedAt: submitted })).statusCode).toBe(200);
    const after = await clocks(t, id);
    expect(after['nis2-final-report'].dueAt).toBe('2026-11-21T15:30:00.000Z');
    const audit = await sqlIn<{ before: J; after: J }>(
      t,
      sql`select before, after from audit_events where entity_id = ${id} and action = 'incident.obligations-recompute' order by seq`,
    );
    expect(audit.at(-1)!.before.clocks['nis2-final-report'].dueAt).toBe('2026-11-23T08:00:00.000Z');
    expect(audit.at(-1)!.after.clocks['nis2-final-report'].dueAt).toBe('2026-11-21T15:30:00.000Z');
    // withdrawing the submission counts from the notification's due time again
    await t.admin.patch(url(id, 'nis2-notification'), { submittedAt: null });
    expect((await clocks(t, id))['nis2-final-report'].dueAt).toBe('2026-11-23T08:00:00.000Z');
  });

  it('D1-37: changing awareAt through the incident PATCH recomputes every dueAt, audited per code and noted on the timeline', async () => {
    const t = await newTenant();
    const { id } = await report(t, { awareAt: '2026-10-24T02:00:00+02:00' });
    await t.admin.patch(url(id, 'nis2-notification'), { submittedAt: '2026-10-26T12:00:00+01:00' });
    const before = await clocks(t, id);
    // the awareness time moves 6 h earlier, across the DST change night
    const res = await patch(t, id, { awareAt: '2026-10-23T20:00:00+02:00' });
    expect(res.statusCode).toBe(200);
    const after = byCode(res.json<J>().obligations as J[]);
    for (const code of ['gdpr-art33', 'gdpr-art34', 'nis2-early-warning', 'nis2-notification', 'lex-maria'])
      expect(Date.parse(before[code].dueAt) - Date.parse(after[code].dueAt), code).toBe(6 * HOUR);
    expect(Date.parse(after['gdpr-art33'].dueAt) - Date.parse('2026-10-23T20:00:00+02:00')).toBe(72 * HOUR);
    // the final report still counts from the submitted notification
    expect(after['nis2-final-report'].dueAt).toBe(before['nis2-final-report'].dueAt);
    const [audit] = await sqlIn<{ before: J; after: J }>(
      t,
      sql`select before, after from audit_events where entity_id = ${id} and action = 'incident.obligations-recompute' and before ? 'awareAt'`,
    );
    expect(audit!.before.clocks['gdpr-art33']).toEqual({ dueAt: before['gdpr-art33'].dueAt, regimeVersion: 1 });
    expect(audit!.after.clocks['gdpr-art33']).toEqual({ dueAt: after['gdpr-art33'].dueAt, regimeVersion: 1 });
    const entries = await sqlIn<{ text: string }>(t, sql`select text from incident_entries where incident_id = ${id} and kind = 'system'`);
    expect(entries.map((e) => e.text)).toContainEqual(expect.stringContaining('från 2026-10-24 02:00 till 2026-10-23 20:00'));
  });

  it('D1-37: access: the manager and the employee cannot change clocks, another tenant and an out-of-scope owner get 404', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { id } = await report(t);
    await patch(t, id, { handlingUnitId: t.unitId });
    const body = { applies: 'yes' };
    expect((await t.reader.patch(url(id, 'gdpr-art33'), body)).statusCode).toBe(403);
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    expect((await employee.patch(url(id, 'gdpr-art33'), body)).statusCode).toBe(403);
    expect((await other.admin.patch(url(id, 'gdpr-art33'), body)).statusCode).toBe(404);
    expect((await other.admin.put(`${url(id, 'gdpr-art33')}/draft`, { answers: {} })).statusCode).toBe(404);
    expect((await other.admin.get(`${url(id, 'gdpr-art33')}/draft.pdf`)).statusCode).toBe(404);
    const elsewhere = (await t.admin.post('/api/v1/org-units', { name: 'Annan förvaltning', type: 'department' })).json<J>().id;
    const outOfScope = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: elsewhere }], 'agare');
    expect((await outOfScope.patch(url(id, 'gdpr-art33'), body)).statusCode).toBe(404);
    // out of reach is 404 before the body is read: a malformed body tells nothing either
    expect((await outOfScope.patch(url(id, 'gdpr-art33'), { applies: 5 })).statusCode).toBe(404);
    expect((await outOfScope.put(`${url(id, 'gdpr-art33')}/draft`, { answers: 5 })).statusCode).toBe(404);
    expect((await other.admin.put(`${url(id, 'gdpr-art33')}/draft`, { answers: 5 })).statusCode).toBe(404);
    expect((await t.admin.put(`${url(id, 'no-such-code')}/draft`, { answers: 5 })).statusCode).toBe(404);
    expect((await t.reader.put(`${url(id, 'gdpr-art33')}/draft`, { answers: 5 })).statusCode).toBe(403);
    const inScope = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    expect((await inScope.put(`${url(id, 'gdpr-art33')}/draft`, { answers: 5 })).statusCode).toBe(422);
    expect((await inScope.patch(url(id, 'gdpr-art33'), body)).statusCode).toBe(200);
    expect((await clocks(t, id))['gdpr-art33'].applies).toBe('yes');
  });

  it('D1-37: the draft report: the regime’s fields, PDF and DOCX downloads, secret content only for a full view and audited', async () => {
    const t = await newTenant();
    const { id } = await report(t, { title: 'Personuppgifter skickade till fel mottagare' });
    const draft = `${url(id, 'gdpr-art33')}/draft`;
    const unknown = await t.admin.put(draft, { answers: { favourite: 'x' } });
    expect(unknown.statusCode).toBe(422);
    expect(errorFields(unknown)).toEqual(['answers.favourite']);
    // a body with more answers than any form has fields is refused whole, not field by field
    const many = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`f${i}`, 'x']));
    const tooMany = await t.admin.put(draft, { answers: many });
    expect(tooMany.statusCode).toBe(422);
    expect(errorFields(tooMany)).toEqual(['answers']);
    const saved = await t.admin.put(draft, {
      answers: { nature: 'E-post med elevlistor gick till fel skola.', subjects: '  ', records: '120 elever' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<J>().answers).toEqual({ nature: 'E-post med elevlistor gick till fel skola.', records: '120 elever' });
    expect(saved.json<J>().fields.map((f: J) => f.key)).toContain('delay');
    expect((await clocks(t, id))['gdpr-art33'].draftFilled).toBe(2);
    expect((await t.admin.get(draft)).json<J>().answers.records).toBe('120 elever');
    // a form that sends the version it loaded does not overwrite a newer draft
    expect(saved.headers.etag).toBe(`"v${saved.json<J>().version}"`);
    const stale = await t.admin.put(draft, { answers: {} }, { 'if-match': `"v${saved.json<J>().version - 1}"` });
    expect(stale.statusCode).toBe(412);
    expect((await t.admin.get(draft)).json<J>().answers.records).toBe('120 elever');

    const pdf = await t.admin.get(`${draft}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="utkast-gdpr-art33-INC-\d{4}-1\.pdf"$/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await t.admin.get(`${draft}.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    for (const text of [
      'Utkast: Anmälan av personuppgiftsincident',
      'Integritetsskyddsmyndigheten (IMY)',
      'GDPR art. 33',
      'Personuppgifter skickade till fel mottagare',
      '120 elever',
    ])
      expect(xml).toContain(text);
    const exports = await sqlIn<{ after: J }>(
      t,
      sql`select after from audit_events where entity_id = ${id} and action = 'incident.obligation-draft-export' order by seq`,
    );
    expect(exports.map((e) => e.after.format)).toEqual(['pdf', 'docx']);

    // the manager sees the secret incident masked: no draft
    expect((await t.reader.get(draft)).statusCode).toBe(403);
    expect((await t.reader.get(`${draft}.pdf`)).statusCode).toBe(403);
    expect((await t.reader.put(draft, { answers: {} })).statusCode).toBe(403);
  });
});
