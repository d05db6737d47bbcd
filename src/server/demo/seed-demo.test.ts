import { describe, expect, it } from 'vitest';
import { Client, testApp } from '../../../test/helpers/app.js';
import { demoAdminEmail, demoOrdererEmail, demoSupplierAdminEmail, seedDemo } from './seed-demo.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// The demo municipality is what a new user sees first after `npm start`: it must hold a complete
// assessment (classified information, a system's protection level and gap analysis, risks, measures
// and a decided action plan), all loaded through the services so every rule held.
describe('demo municipality', () => {
  it('D1-23, D2-23, D1-11: the demo holds classified information, a protection level, a gap analysis, risks, measures and a decided plan', async () => {
    const { app, database } = await testApp();
    const seeded = await seedDemo(database.db, 'Demo-Lösenord-2026!xy');
    const admin = new Client(app);
    // no other test makes "Demo kommun" in the shared test database
    expect(seeded.created).toBe(true);
    await admin.login(demoAdminEmail, seeded.password!);

    const combine = (await admin.get('/api/v1/systems?q=Pulsen&limit=5')).json<Json>().items.find((s: Json) => s.name === 'Pulsen Combine');
    const system = (await admin.get(`/api/v1/systems/${combine.id}`)).json<Json>();
    expect(system.protectionLevel).toEqual({ confidentiality: 3, integrity: 3, availability: 3, traceability: 3 });
    const protection = (await admin.get(`/api/v1/systems/${combine.id}/protection-level`)).json<Json>();
    expect(protection.status).toBe('complete');

    const gap = (await admin.get(`/api/v1/systems/${combine.id}/gap-analysis`)).json<Json>();
    expect(gap.summary).toMatchObject({ exists: 1, partly: 1, missing: 1 });
    expect(gap.summary.applicable).toBeGreaterThan(3);

    const measures = (await admin.get('/api/v1/measures?limit=50')).json<Json>().items;
    expect(measures.map((m: Json) => m.origin).sort()).toEqual(['gap', 'gap', 'needs_analysis', 'risk']);
    const risks = (await admin.get('/api/v1/risks')).json<Json>().items;
    expect(risks).toHaveLength(2);
    const plans = (await admin.get('/api/v1/action-plans')).json<Json>().items;
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ status: 'decided' });
  });

  it('D1-52, D1-37, D1-26, D1-27, D1-42: the demo holds a reported breach with its IMY clock running, a closed outage, continuity, exercises and a decided restore order', async () => {
    const { app } = await testApp();
    const admin = new Client(app);
    await admin.login(demoAdminEmail, 'Demo-Lösenord-2026!xy');
    const incidents = (await admin.get('/api/v1/incidents')).json<Json>().items;
    expect(incidents).toHaveLength(2);
    const breach = incidents.find((i: Json) => i.personalData === 'yes' || i.type === 'incident');
    const detail = (await admin.get(`/api/v1/incidents/${breach.id}`)).json<Json>();
    const imy = detail.obligations.find((o: Json) => o.code === 'gdpr-art33');
    expect(imy.submittedAt).toBeNull();
    expect(Date.parse(imy.dueAt) - Date.parse(detail.awareAt)).toBe(72 * 3_600_000);
    expect(Date.parse(imy.dueAt)).toBeGreaterThan(Date.now());

    const overview = (await admin.get('/api/v1/continuity/overview')).json<Json>();
    expect(JSON.stringify(overview)).toContain('Pulsen Combine');
    const exercises = (await admin.get('/api/v1/exercises')).json<Json>().items;
    expect(exercises).toHaveLength(2);
    const orders = (await admin.get('/api/v1/restore-priorities')).json<Json>().items;
    expect(orders.map((o: Json) => o.status)).toEqual(['decided']);
  });

  it('D0-11, D1-17, D0-12, D0-17: the demo holds suppliers with contracts, a follow-up, access orders and credentials, and portal users who see their own organisation only', async () => {
    const { app } = await testApp();
    const admin = new Client(app);
    await admin.login(demoAdminEmail, 'Demo-Lösenord-2026!xy');
    const suppliers = (await admin.get('/api/v1/suppliers')).json<Json>().items;
    expect(suppliers.length).toBeGreaterThanOrEqual(2);
    expect((await admin.get('/api/v1/contracts')).json<Json>().items.length).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/supplier-follow-ups')).json<Json>().items.length).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/access-orders')).json<Json>().items.length).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/credentials')).json<Json>().items.length).toBeGreaterThan(0);

    const portalAdmin = new Client(app);
    await portalAdmin.login(demoSupplierAdminEmail, 'Demo-Lösenord-2026!xy');
    const own = (await portalAdmin.get('/api/v1/suppliers')).json<Json>().items;
    expect(own.map((s: Json) => s.name)).toEqual(['Omsorgshuset i Demo AB']);
    expect((await portalAdmin.get('/api/v1/portal')).statusCode).toBe(200);

    // the orderer is on the supplier's list, so an order in good time goes through
    const orderer = new Client(app);
    await orderer.login(demoOrdererEmail, 'Demo-Lösenord-2026!xy');
    const systems = (await orderer.get(`/api/v1/suppliers/${own[0].id}/systems`)).json<Json>().items;
    // in Phoniro Care the provider adds its own users (D3-26); Pulsen Combine takes orders
    const ordered = systems.find((s: Json) => !s.administersOwnUsers);
    expect(ordered).toBeTruthy();
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const res = await orderer.post('/api/v1/access-orders', {
      type: 'new',
      systemId: ordered.systemId,
      personName: 'Ny Undersköterska',
      startDate: start,
      supplierId: own[0].id,
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});
