import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/server/db/tenant.js';
import { policy, tenantOnly, tenantWideWrites, type Action, type Resource } from '../../src/server/platform/access.js';
import type { RouteEntry } from '../../src/server/platform/route-policy.js';
import { personRoles, supplierRoles, type Role } from '../../src/shared/enums.js';
import { anonymous, memberWith, newTenant, testApp, type Client, type TestTenant } from '../helpers/app.js';
import { measureFixtures } from './fixtures/measures.js';
import { riskFixtures } from './fixtures/risks.js';
import { requirementFixtures } from './fixtures/requirements.js';
import { incidentFixtures } from './fixtures/incidents.js';
import { continuityFixtures } from './fixtures/continuity.js';
import { supplierRegisterFixtures } from './fixtures/supplier-register.js';
import { followUpFixtures } from './fixtures/follow-ups.js';
import { changeNoticeFixtures } from './fixtures/change-notices.js';
import { accessOrderFixtures } from './fixtures/access-orders.js';
import { credentialFixtures } from './fixtures/credentials.js';

// The authorization matrix, generated from the policy table and the app's own route catalogue:
// every API route × every role × own tenant / other tenant / out-of-scope unit / secret record.
// A route without a declared policy fails the first test; a policy table change moves the
// expectations with it, and any route or service that disagrees with the table fails here.

type Variant = 'tenant' | 'unit';
const isSupplierRole = (r: Role) => (supplierRoles as readonly Role[]).includes(r);
const allows = (role: Role, resource: Resource, action: Action) => policy[role].can[resource]?.includes(action) ?? false;

interface Fixtures {
  own: Record<string, string>;
  other: Record<string, string>;
  outOfScope: Record<string, string>;
  sibling: Record<string, string>;
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

// Each walk calls every route once per role (thousands of requests as modules land); on two busy cores
// that outgrows the default per-test limit.
const WALK_TIMEOUT = 300_000;

// One object per collection in each tenant, keyed by the route prefix its :id belongs to.
async function fixtures(
  t: TestTenant,
  other: TestTenant,
  outUnit: string,
  supplier: string,
  otherSupplier: string,
  siblingSupplier: string,
) {
  const { database } = await testApp();
  const make = async (tt: TestTenant, unitId: string, label: string) => {
    const system = (await tt.admin.post('/api/v1/systems', { name: `System ${label}`, responsibleUnitId: unitId })).json().id as string;
    const asset = (await tt.admin.post('/api/v1/information-assets', { name: `Tillgång ${label}`, unitId })).json().id as string;
    return { system, asset };
  };
  const own = await make(t, t.unitId, 'egen');
  const out = await make(t, outUnit, 'utanför');
  const theirs = await make(other, other.unitId, 'annan');
  // A log-review plan for the system, and the review it scheduled.
  const logReview = async (tt: TestTenant, system: string) => {
    const reviewerUserId = (await tt.admin.get('/api/v1/auth/me')).json().user.id as string;
    const plan = (await tt.admin.post('/api/v1/log-review-plans', { systemId: system, reviewerUserId })).json().id as string;
    const review = (await tt.admin.get(`/api/v1/log-reviews?planId=${plan}`)).json().items[0].id as string;
    return { '/api/v1/log-review-plans': plan, '/api/v1/log-reviews': review };
  };
  const dummy = (
    await t.admin.post('/api/v1/users', {
      email: `matris-${randomUUID()}@test.example`,
      displayName: 'Matris',
      assignments: [{ role: 'employee' }],
    })
  ).json();
  const theirUser = (await other.admin.get('/api/v1/users')).json().items[0].id as string;
  const idp = async (tt: TestTenant) =>
    withTenant(
      database.db,
      tt.tenantId,
      async (tx) =>
        rowsOf<{ id: string }>(
          await tx.execute(
            sql`insert into identity_providers (tenant_id, kind, name, config) values (${tt.tenantId}, 'oidc', 'Matris-IdP', '{}'::jsonb) returning id`,
          ),
        )[0]!.id,
    );
  const mapping = async (tt: TestTenant) =>
    withTenant(
      database.db,
      tt.tenantId,
      async (tx) =>
        rowsOf<{ id: string }>(
          await tx.execute(
            sql`insert into group_role_mappings (tenant_id, group_name, role) values (${tt.tenantId}, 'matris', 'employee') returning id`,
          ),
        )[0]!.id,
    );
  const token = async (tt: TestTenant) => {
    const creator = (await tt.admin.get('/api/v1/auth/me')).json().user.id as string;
    return withTenant(
      database.db,
      tt.tenantId,
      async (tx) =>
        rowsOf<{ id: string }>(
          await tx.execute(sql`insert into api_tokens (tenant_id, created_by, name, token_hash, prefix, roles, expires_at)
          values (${tt.tenantId}, ${creator}, 'matris', ${randomUUID()}, 'matris', '{auditor}', now() + interval '1 day') returning id`),
        )[0]!.id,
    );
  };
  const assessment = await measureFixtures(t, other, outUnit);
  const catalogue = await requirementFixtures(t, other);
  const area = { t, other, outUnit, own, out, theirs, supplier, siblingSupplier, otherSupplier };
  const incidentArea = await incidentFixtures(area);
  const continuityArea = await continuityFixtures(area);
  const supplierAreas = [
    await supplierRegisterFixtures(area),
    await followUpFixtures(area),
    await changeNoticeFixtures(area),
    await accessOrderFixtures(area),
    await credentialFixtures(area),
  ];
  const merged = (k: keyof Fixtures) => Object.assign({}, ...supplierAreas.map((a) => a[k] ?? {})) as Record<string, string>;
  const f: Fixtures = {
    own: {
      '/api/v1/systems': own.system,
      '/api/v1/information-assets': own.asset,
      '/api/v1/org-units': t.unitId,
      '/api/v1/suppliers': supplier,
      '/api/v1/users': dummy.id,
      ':assignmentId': dummy.assignments[0].id,
      '/api/v1/identity-providers': await idp(t),
      '/api/v1/group-role-mappings': await mapping(t),
      '/api/v1/api-tokens': await token(t),
      ...(await logReview(t, own.system)),
      ...assessment.own,
      ...catalogue.own,
      ...(await riskFixtures(t, t.unitId, own.system)),
      ...incidentArea.own,
      ...continuityArea.own,
      ...merged('own'),
    },
    other: {
      '/api/v1/systems': theirs.system,
      '/api/v1/information-assets': theirs.asset,
      '/api/v1/org-units': other.unitId,
      '/api/v1/suppliers': otherSupplier,
      '/api/v1/users': theirUser,
      '/api/v1/identity-providers': await idp(other),
      '/api/v1/group-role-mappings': await mapping(other),
      '/api/v1/api-tokens': await token(other),
      ...(await logReview(other, theirs.system)),
      ...assessment.other,
      ...catalogue.other,
      ...(await riskFixtures(other, other.unitId, theirs.system)),
      ...incidentArea.other,
      ...continuityArea.other,
      ...merged('other'),
    },
    outOfScope: {
      '/api/v1/systems': out.system,
      '/api/v1/information-assets': out.asset,
      ...(await logReview(t, out.system)),
      ...assessment.outOfScope,
      ...(await riskFixtures(t, outUnit, out.system, false)),
      ...incidentArea.outOfScope,
      ...continuityArea.outOfScope,
      ...merged('outOfScope'),
    },
    sibling: { '/api/v1/suppliers': siblingSupplier, ...merged('sibling') },
  };
  return f;
}

const prefixOf = (url: string) => url.split('/:')[0]!;

function fill(url: string, ids: Record<string, string>): string | null {
  const prefix = prefixOf(url);
  let missing = false;
  const out = url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (name === 'id') {
      const id = ids[prefix];
      if (!id) missing = true;
      return id ?? randomUUID();
    }
    return ids[`:${name}`] ?? randomUUID();
  });
  return missing ? null : out;
}

async function call(c: Client, route: RouteEntry, url: string, headers: Record<string, string> = {}) {
  const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
  // A version no record has: record routes answer 412 and change nothing.
  return c.request(route.method as 'GET', url, body, { 'if-match': '"v999999"', ...headers });
}

describe('authorization matrix (policy table × API routes)', () => {
  let t: TestTenant;
  let other: TestTenant;
  let routes: RouteEntry[];
  let f: Fixtures;
  const clients = new Map<string, Client>();
  const key = (role: Role, v: Variant) => `${role}:${v}`;

  beforeAll(async () => {
    const { app, database } = await testApp();
    routes = app.apiRoutes;
    t = await newTenant();
    other = await newTenant();
    const outUnit = (await t.admin.post('/api/v1/org-units', { name: 'Annan förvaltning', type: 'department' })).json().id as string;
    const supplier = async (tt: TestTenant, name: string) =>
      withTenant(
        database.db,
        tt.tenantId,
        async (tx) =>
          rowsOf<{ id: string }>(
            await tx.execute(sql`insert into suppliers (tenant_id, name) values (${tt.tenantId}, ${name}) returning id`),
          )[0]!.id,
      );
    const ownSupplier = await supplier(t, 'Omsorg AB');
    const otherSupplier = await supplier(other, 'Annan AB');
    const siblingSupplier = await supplier(t, 'Konkurrent AB');
    f = await fixtures(t, other, outUnit, ownSupplier, otherSupplier, siblingSupplier);
    for (const role of personRoles) {
      if (isSupplierRole(role)) {
        clients.set(key(role, 'tenant'), await memberWith(t, [{ role, scopeType: 'supplier', scopeSupplierId: ownSupplier }], role));
        continue;
      }
      clients.set(key(role, 'tenant'), await memberWith(t, [{ role }], role));
      clients.set(key(role, 'unit'), await memberWith(t, [{ role, scopeType: 'unit', scopeUnitId: t.unitId }], `${role}-enhet`));
    }
  }, 300_000);

  it('every API route declares its policy (public, sign-in step, signed-in, or a row of the policy table)', () => {
    const undeclared = routes.filter((r) => !r.public && r.policy === null).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  it(
    'anonymous callers get 401 from every route that is not public',
    async () => {
      const anon = await anonymous();
      const wrong: string[] = [];
      for (const r of routes.filter((x) => !x.public)) {
        const res = await call(anon, r, fill(r.url, f.own) ?? r.url.replace(/:[A-Za-z]+/g, randomUUID()));
        if (res.statusCode !== 401) wrong.push(`${r.method} ${r.url} → ${res.statusCode}`);
      }
      expect(wrong).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    'own tenant: each role is let through exactly where the policy table says, and refused with 403 elsewhere',
    async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        if (r.public || r.policy === null || r.policy === 'sign-in-step') continue;
        const url = fill(r.url, f.own) ?? r.url.replace(/:[A-Za-z]+/g, randomUUID());
        for (const role of personRoles) {
          const c = clients.get(key(role, 'tenant'))!;
          const p = r.policy;
          const allowed = p === 'signed-in' || allows(role, p.resource, p.action);
          const res = await call(c, r, url);
          const ok = allowed ? ![401, 403].includes(res.statusCode) : res.statusCode === 403;
          if (!ok) wrong.push(`${role} ${r.method} ${r.url} → ${res.statusCode} (${allowed ? 'allow' : 'deny'}) ${res.body.slice(0, 120)}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    'other tenant: an object of another tenant is 404 for every role the route lets through',
    async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        if (r.public || typeof r.policy !== 'object' || r.policy === null || !r.url.includes(':id')) continue;
        const url = fill(r.url, f.other);
        if (!url) continue;
        for (const role of personRoles) {
          const allowed = allows(role, r.policy.resource, r.policy.action);
          const res = await call(clients.get(key(role, 'tenant'))!, r, url);
          // 422 comes from validating the body, before any lookup: it cannot tell that the object exists
          const ok = allowed ? [404, 422].includes(res.statusCode) : res.statusCode === 403;
          if (!ok) wrong.push(`${role} ${r.method} ${r.url} → ${res.statusCode}, expected ${allowed ? 404 : 403}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    'another supplier: a supplier role reaches nothing of another supplier organisation in the same tenant (404)',
    async () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const r of routes) {
        if (r.public || typeof r.policy !== 'object' || r.policy === null || !r.url.includes(':id')) continue;
        const url = fill(r.url, f.sibling);
        if (!url) continue;
        for (const role of personRoles.filter(isSupplierRole)) {
          const allowed = allows(role, r.policy.resource, r.policy.action);
          const res = await call(clients.get(key(role, 'tenant'))!, r, url);
          checked++;
          // 422 comes from validating the body, before any lookup: it cannot tell that the object exists
          const ok = allowed ? [404, 422].includes(res.statusCode) : res.statusCode === 403;
          if (!ok) wrong.push(`${role} ${r.method} ${r.url} → ${res.statusCode}, expected ${allowed ? 404 : 403}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    },
    WALK_TIMEOUT,
  );

  it(
    'out-of-scope unit: a unit-scoped grant does not reach objects of another unit (404)',
    async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        if (r.public || typeof r.policy !== 'object' || r.policy === null || !r.url.includes(':id')) continue;
        const url = fill(r.url, f.outOfScope);
        if (!url) continue;
        for (const role of personRoles.filter((x) => !isSupplierRole(x))) {
          const allowed = allows(role, r.policy.resource, r.policy.action);
          const res = await call(clients.get(key(role, 'unit'))!, r, url);
          const expected = allowed ? 404 : 403;
          if (res.statusCode !== expected) wrong.push(`${role}@unit ${r.method} ${r.url} → ${res.statusCode}, expected ${expected}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    'unit-scoped grants: tenant administration routes refuse them (403); register routes serve objects in their unit',
    async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        if (r.public || typeof r.policy !== 'object' || r.policy === null) continue;
        const url = fill(r.url, f.own) ?? r.url.replace(/:[A-Za-z]+/g, randomUUID());
        for (const role of personRoles.filter((x) => !isSupplierRole(x))) {
          // the catalogue, goals and yearly plan are read from any scope but changed only from a tenant-wide grant
          const tenantWideWrite = r.policy.action !== 'read' && tenantWideWrites.has(r.policy.resource);
          const allowed = allows(role, r.policy.resource, r.policy.action) && !tenantOnly.has(r.policy.resource) && !tenantWideWrite;
          const res = await call(clients.get(key(role, 'unit'))!, r, url);
          // the own-tenant fixtures sit in the grant's unit, so an allowed grant must get through
          const ok = allowed ? ![401, 403].includes(res.statusCode) : res.statusCode === 403;
          if (!ok) wrong.push(`${role}@unit ${r.method} ${r.url} → ${res.statusCode}, expected ${allowed ? 'through' : 403}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    'secret-marked records: full, masked or hidden as the role’s secrecy rule says, and only need-to-know may change them',
    async () => {
      const wrong: string[] = [];
      const secretSystem = (
        await t.admin.post('/api/v1/systems', {
          name: 'Hemlig',
          responsibleUnitId: t.unitId,
          secret: true,
          secrecyProvision: '18 kap. 8 § OSL',
        })
      ).json().id;
      const secretAsset = (
        await t.admin.post('/api/v1/information-assets', {
          name: 'Hemlig',
          unitId: t.unitId,
          secret: true,
          secrecyProvision: '21 kap. 7 § OSL',
        })
      ).json().id;
      for (const [resource, base, id] of [
        ['system', '/api/v1/systems', secretSystem],
        ['information-asset', '/api/v1/information-assets', secretAsset],
      ] as const) {
        for (const role of personRoles) {
          const c = clients.get(key(role, 'tenant'))!;
          const view = policy[role].secret;
          const read = await c.get(`${base}/${id}`);
          const expectedRead = !allows(role, resource, 'read') ? 403 : view === 'hidden' ? 404 : 200;
          if (read.statusCode !== expectedRead) wrong.push(`${role} GET ${base}/:id → ${read.statusCode}, expected ${expectedRead}`);
          if (read.statusCode === 200 && read.json().masked !== (view === 'masked'))
            wrong.push(`${role} GET ${base}/:id masked=${read.json().masked}`);
          // an empty change with the right version: allowed for need-to-know, refused for the rest
          const version = (await t.admin.get(`${base}/${id}`)).headers.etag as string;
          const change = await c.patch(`${base}/${id}`, {}, { 'if-match': version });
          const expectedChange = !allows(role, resource, 'update') ? 403 : view === 'full' ? 200 : view === 'masked' ? 403 : 404;
          if (change.statusCode !== expectedChange)
            wrong.push(`${role} PATCH ${base}/:id → ${change.statusCode}, expected ${expectedChange}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    WALK_TIMEOUT,
  );
});
