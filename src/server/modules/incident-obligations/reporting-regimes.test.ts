import { describe, expect, it } from 'vitest';
import { anonymous, memberWith, newTenant } from '../../../../test/helpers/app.js';
import { detail, report, type J } from '../../../../test/fixtures/incidents.js';

const fra = {
  code: 'nis2-early-warning',
  validFrom: '2026-07-01',
  name: { sv: 'Tidig varning (cybersäkerhetslagen)', en: 'Early warning (Cybersecurity Act)' },
  recipient: { sv: 'FRA (NCSC)', en: 'FRA (NCSC)' },
  legalBasis: 'Cybersäkerhetslagen (SFS 2025:1506)',
  deadline: { kind: 'hours', hours: 24 },
  fields: [{ key: 'malicious', sv: 'Misstänks en avsiktlig handling?', en: 'Suspected malicious act?' }],
  link: 'https://www.fra.se',
};

describe('reporting regimes as data with versions (D1-37)', () => {
  it('D1-37: lists the regimes in force for the tenant, in Swedish or English, to everyone who reads the incident settings', async () => {
    const t = await newTenant();
    const res = await t.admin.get('/api/v1/reporting-regimes');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: J[] }>().items;
    expect(items.map((r) => r.code)).toEqual([
      'gdpr-art33',
      'gdpr-art34',
      'nis2-early-warning',
      'nis2-notification',
      'nis2-final-report',
      'lex-maria',
    ]);
    expect(items[0]).toMatchObject({
      recipient: 'Integritetsskyddsmyndigheten (IMY)',
      deadline: { kind: 'hours', hours: 72 },
      own: false,
      version: 1,
    });
    expect(items.find((r) => r.code === 'lex-maria')).toMatchObject({ localTarget: true, deadline: { kind: 'asap', targetHours: 72 } });
    const en = (await t.admin.get('/api/v1/reporting-regimes', { 'accept-language': 'en' })).json<{ items: J[] }>().items;
    expect(en[0]!.name).toBe('Personal data breach notification');
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    expect((await employee.get('/api/v1/reporting-regimes')).statusCode).toBe(200);
    expect((await (await anonymous()).get('/api/v1/reporting-regimes')).statusCode).toBe(401);
  });

  it('D1-37: a tenant adds its own version (a new recipient); incidents from its start use it, earlier ones and other tenants do not', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const created = await t.admin.post('/api/v1/reporting-regimes', fra);
    expect(created.statusCode).toBe(201);
    expect(created.json<J>()).toMatchObject({ code: 'nis2-early-warning', version: 2, own: true, recipient: 'FRA (NCSC)' });
    const list = (await t.admin.get('/api/v1/reporting-regimes')).json<{ items: J[]; history: J[] }>();
    expect(list.items.find((r) => r.code === 'nis2-early-warning')).toMatchObject({ version: 2, recipient: 'FRA (NCSC)' });
    expect(list.history).toEqual([expect.objectContaining({ code: 'nis2-early-warning', version: 1, recipient: 'CERT-SE' })]);
    expect((await t.admin.post('/api/v1/reporting-regimes', { ...fra, validFrom: '2026-09-01' })).json<J>().version).toBe(3);

    const after = await report(t, { awareAt: '2026-08-10T10:00:00+02:00' });
    const early = (await detail(t, after.id)).body.obligations.find((o: J) => o.code === 'nis2-early-warning');
    expect(early.regime).toMatchObject({ version: 2, recipient: 'FRA (NCSC)' });
    const before = await report(t, { awareAt: '2026-03-10T10:00:00+01:00' });
    expect((await detail(t, before.id)).body.obligations.find((o: J) => o.code === 'nis2-early-warning').regime).toMatchObject({
      version: 1,
      recipient: 'CERT-SE',
    });
    const theirs = (await other.admin.get('/api/v1/reporting-regimes')).json<{ items: J[]; history: J[] }>();
    expect(theirs.items.find((r) => r.code === 'nis2-early-warning')).toMatchObject({ version: 1, recipient: 'CERT-SE' });
    expect(theirs.history).toEqual([]);
  });

  it('D1-37: the deadline shape is validated (422) and only a tenant-wide incident-settings writer may add a version', async () => {
    const t = await newTenant();
    const bad = async (body: J) => {
      const res = await t.admin.post('/api/v1/reporting-regimes', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      return (res.json<J>().errors as J[]).map((e) => e.field);
    };
    expect(await bad({ ...fra, deadline: { kind: 'hours' } })).toEqual(['deadline.hours']);
    expect(await bad({ ...fra, deadline: { kind: 'weeks', weeks: 2 } })).toContain('deadline.kind');
    expect(await bad({ ...fra, deadline: { kind: 'hours', hours: -4 } })).toEqual(['deadline.hours']);
    expect(
      await bad({ ...fra, code: 'nis2-final-report', deadline: { kind: 'months-after', after: 'nis2-final-report', months: 1 } }),
    ).toEqual(['deadline.after']);
    expect(await bad({ ...fra, code: 'msbfs' })).toEqual(['code']);
    expect(await bad({ ...fra, recipient: { sv: '', en: 'x' } })).toEqual(['recipient.sv']);
    expect(await bad({ ...fra, fields: [fra.fields[0], fra.fields[0]] })).toEqual(['fields']);
    expect(await bad({ ...fra, link: 'javascript:alert(1)' })).toEqual(['link']);
    expect((await t.reader.post('/api/v1/reporting-regimes', fra)).statusCode).toBe(403);
    expect((await t.editor.post('/api/v1/reporting-regimes', fra)).statusCode).toBe(403);
    const unitCoordinator = await memberWith(t, [{ role: 'coordinator', scopeType: 'unit', scopeUnitId: t.unitId }], 'samordnare');
    expect((await unitCoordinator.post('/api/v1/reporting-regimes', fra)).statusCode).toBe(403);
  });
});
