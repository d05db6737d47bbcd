import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const create = async (t: TestTenant, body: Record<string, unknown>) => {
  const res = await t.admin.post('/api/v1/suppliers', body);
  if (res.statusCode !== 201) throw new Error(`supplier: ${res.statusCode} ${res.body}`);
  return res.json<J>();
};

const fullProfile = {
  contacts: [{ name: 'Kim Kontakt', role: 'Verksamhetschef', phone: '044-123 45', email: 'kim@omsorg.example' }],
  supportContact: { name: 'IT-support Omsorg', phone: '044-999 00', email: 'support@omsorg.example' },
  phone: '044-100 00',
  voicemail: true,
  email: 'info@omsorg.example',
  premises: [
    { address: 'Storgatan 1, Broby', tenure: 'municipal' },
    { address: 'Industrivägen 4, Glimåkra', tenure: 'rented' },
  ],
  telecom: [
    { kind: 'fax', number: '044-775 00 01', assignedOn: '2026-01-15' },
    { kind: 'sim', number: '46700000001', assignedTo: 'Nattpatrullen', status: 'active' },
  ],
  messaging: [{ name: 'Signal', encrypted: true, endToEnd: true }],
  subcontractors: [{ name: 'Molnleverantören AB', organisationNumber: '5560360793', service: 'Drift av journalsystem' }],
  impactAssessment: { assessedOn: '2026-02-01', conclusion: 'Acceptabel risk med PUB-avtal.' },
  publicInfo: { description: 'Hemtjänst i hela kommunen.', languages: 'svenska, arabiska' },
};

async function notified(tenantId: string, kind: string) {
  const { database } = await testApp();
  const res = await database.db.execute(
    sql`select user_id, subject_id, link from notifications where tenant_id = ${tenantId} and kind = ${kind}`,
  );
  return (res as unknown as { rows: J[] }).rows;
}

describe('supplier profile (issue 7)', () => {
  it('D0-24 D0-25 D0-29 D0-34 D0-44 D1-16 D3-01 D3-07: the coordinator records the profile; the building network owner follows the premises', async () => {
    const t = await newTenant();
    const s = await create(t, { name: 'Omsorg AB', type: 'care_provider' });
    const res = await t.admin.patch(`/api/v1/suppliers/${s.id}`, { profile: fullProfile }, { 'if-match': `"v${s.version}"` });
    expect(res.statusCode).toBe(200);
    const p = res.json<J>().profile;
    expect(p.supportContact).toEqual({ name: 'IT-support Omsorg', phone: '044-999 00', email: 'support@omsorg.example' });
    expect(p).toMatchObject({ phone: '044-100 00', voicemail: true, email: 'info@omsorg.example' });
    // D0-24: municipal premises → the municipality, and changes need consultation; D0-25: rented → the supplier
    expect(p.premises).toEqual([
      {
        address: 'Storgatan 1, Broby',
        tenure: 'municipal',
        note: null,
        buildingNetworkResponsible: 'municipality',
        changesNeedConsultation: true,
      },
      {
        address: 'Industrivägen 4, Glimåkra',
        tenure: 'rented',
        note: null,
        buildingNetworkResponsible: 'supplier',
        changesNeedConsultation: false,
      },
    ]);
    expect(p.telecom.map((x: J) => [x.kind, x.status])).toEqual([
      ['fax', 'active'],
      ['sim', 'active'],
    ]);
    expect(p.subcontractors[0]).toMatchObject({
      name: 'Molnleverantören AB',
      organisationNumber: '556036-0793',
      service: 'Drift av journalsystem',
      systemIds: [],
    });
    expect(p.publicInfo).toMatchObject({ description: 'Hemtjänst i hela kommunen.', website: null });
    expect(res.json<J>().warnings).not.toContain('no-support-contact');
    // a coordinator's change is not the supplier reporting one (D3-08)
    expect(res.json<J>().profileChangedAt).toBeNull();

    // D3-07: the register's export carries what is published about the provider
    const csv = await t.admin.get('/api/v1/suppliers', { accept: 'text/csv' });
    expect(csv.body).toContain('Hemtjänst i hela kommunen.');

    // a part named replaces that part only
    const v = res.json<J>().version;
    const again = await t.admin.patch(`/api/v1/suppliers/${s.id}`, { profile: { premises: [] } }, { 'if-match': `"v${v}"` });
    expect(again.json<J>().profile.premises).toEqual([]);
    expect(again.json<J>().profile.telecom).toHaveLength(2);

    // D1-16: a subcontractor's organisation number is checked like the supplier's own
    const bad = await t.admin.patch(
      `/api/v1/suppliers/${s.id}`,
      { profile: { subcontractors: [{ name: 'Fel AB', organisationNumber: '556000-0000', service: 'Drift' }] } },
      { 'if-match': `"v${again.json<J>().version}"` },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json<J>().errors).toEqual([
      expect.objectContaining({ field: 'profile.subcontractors.0.organisationNumber', code: 'invalid_check_digit' }),
    ]);
  });

  it('D0-44: end-to-end needs encryption (field error in Swedish); an unencrypted service without justification is flagged', async () => {
    const t = await newTenant();
    const s = await create(t, { name: 'Chatt AB' });
    const bad = await t.admin.patch(
      `/api/v1/suppliers/${s.id}`,
      { profile: { messaging: [{ name: 'SMS', encrypted: false, endToEnd: true }] } },
      { 'if-match': '"v1"', 'accept-language': 'sv' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json<J>().errors[0].field).toContain('endToEnd');
    expect(bad.json<J>().errors[0].message).toBe('Kryptering hela vägen förutsätter att tjänsten är krypterad.');
    const ok = await t.admin.patch(
      `/api/v1/suppliers/${s.id}`,
      { profile: { messaging: [{ name: 'SMS', encrypted: false, endToEnd: false }] } },
      { 'if-match': '"v1"' },
    );
    expect(ok.json<J>().warnings).toContain('unencrypted-messaging');
    const justified = await t.admin.patch(
      `/api/v1/suppliers/${s.id}`,
      {
        profile: {
          messaging: [{ name: 'SMS', encrypted: false, endToEnd: false, justification: 'Endast tidsbokning, inga personuppgifter' }],
        },
      },
      { 'if-match': '"v2"' },
    );
    expect(justified.json<J>().warnings).not.toContain('unencrypted-messaging');
  });

  it('D0-29: an active supplier without an internal support contact is flagged', async () => {
    const t = await newTenant();
    const s = await create(t, { name: 'Support saknas AB' });
    expect(s.warnings).toContain('no-support-contact');
    const list = (await t.admin.get('/api/v1/suppliers')).json<J>().items;
    expect(list.find((x: J) => x.id === s.id).warnings).toContain('no-support-contact');
  });

  it('D3-08: a supplier’s own change is timestamped, the coordinators are told, and the history keeps it', async () => {
    const t = await newTenant();
    const s = await create(t, { name: 'Omsorg AB', type: 'care_provider' });
    const admin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: s.id }], 'lev-admin');
    const res = await admin.patch(
      `/api/v1/suppliers/${s.id}`,
      { profile: { phone: '044-200 00', voicemail: true } },
      { 'if-match': '"v1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json<J>().profileChangedAt).not.toBeNull();
    const told = await notified(t.tenantId, 'supplier-profile-changed');
    const coordinator = (await t.admin.get('/api/v1/auth/me')).json<J>().user.id;
    expect(told.map((n) => n.user_id)).toContain(coordinator);
    expect(told[0]).toMatchObject({ subject_id: s.id, link: `/suppliers/${s.id}` });
    const history = (await t.admin.get(`/api/v1/suppliers/${s.id}/history`)).json<J>();
    expect(JSON.stringify(history)).toContain('044-200 00');
    // the organisation number stays the municipality's to change
    expect((await admin.patch(`/api/v1/suppliers/${s.id}`, { organisationNumber: '5566778899' }, { 'if-match': '"v2"' })).statusCode).toBe(
      403,
    );
  });

  it('D3-29: a care provider with fewer than two active super users is flagged; expired ones do not count', async () => {
    const t = await newTenant();
    const s = await create(t, { name: 'Omsorg AB', type: 'care_provider' });
    expect(s.warnings).toContain('too-few-super-users');
    const add = (body: J) => t.admin.post(`/api/v1/suppliers/${s.id}/people`, { kind: 'super_user', ...body });
    await add({ name: 'Anna Super' });
    await add({ name: 'Gammal Super', validTo: '2020-12-31' });
    let got = (await t.admin.get(`/api/v1/suppliers/${s.id}`)).json<J>();
    expect(got.activeSuperUsers).toBe(1);
    expect(got.warnings).toContain('too-few-super-users');
    await add({ name: 'Bo Super', validFrom: '2026-01-01' });
    got = (await t.admin.get(`/api/v1/suppliers/${s.id}`)).json<J>();
    expect(got.activeSuperUsers).toBe(2);
    expect(got.warnings).not.toContain('too-few-super-users');
    // an IT supplier is not held to the care providers' rule
    const it = await create(t, { name: 'IT AB' });
    expect(it.warnings).not.toContain('too-few-super-users');
  });

  it('D0-11: the orderers list must be confirmed every 180 days; the supplier admin confirms, an orderer may not, another supplier cannot see it', async () => {
    const t = await newTenant();
    const s = await create(t, { name: 'Omsorg AB', type: 'care_provider' });
    const sibling = await create(t, { name: 'Konkurrent AB' });
    const admin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: s.id }], 'lev-admin');
    const orderer = await memberWith(t, [{ role: 'authorised_orderer', scopeType: 'supplier', scopeSupplierId: s.id }], 'bestallare');
    expect(s.warnings).toContain('orderers-unconfirmed');
    const url = `/api/v1/suppliers/${s.id}/orderers-confirmation`;
    expect((await admin.post(url)).statusCode).toBe(428);
    expect((await orderer.post(url, {}, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/suppliers/${sibling.id}/orderers-confirmation`, {}, { 'if-match': '"v1"' })).statusCode).toBe(404);
    const ok = await admin.post(url, {}, { 'if-match': '"v1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<J>().orderersConfirmedAt).not.toBeNull();
    expect(ok.json<J>().warnings).not.toContain('orderers-unconfirmed');
    expect(ok.json<J>().orderersConfirmationDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // half a year later the list is due again
    const { database } = await testApp();
    await database.db.execute(sql`update suppliers set orderers_confirmed_at = now() - interval '181 days' where id = ${s.id}`);
    expect((await t.admin.get(`/api/v1/suppliers/${s.id}`)).json<J>().warnings).toContain('orderers-unconfirmed');
  });
});
