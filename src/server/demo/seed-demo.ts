import { randomBytes } from 'node:crypto';
import { checkPassword } from '../platform/auth/password-policy.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { tenants } from '../db/schema/index.js';
import type { RequestContext } from '../platform/audit.js';
import { createAuthService } from '../modules/auth/auth.service.js';
import { findTenantByName, upsertUser } from '../modules/auth/auth.repository.js';
import { createInformationAssetsService } from '../modules/information-assets/information-assets.service.js';
import { createOrgUnitsService } from '../modules/org-units/org-units.service.js';
import { createSystemsService } from '../modules/systems/systems.service.js';
import { createUsersService } from '../modules/users/users.service.js';
import { userCreate } from '../modules/users/users.schemas.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { assetCreate } from '../modules/information-assets/information-assets.schemas.js';
import { orgUnitCreate } from '../modules/org-units/org-units.schemas.js';
import { systemCreate } from '../modules/systems/systems.schemas.js';
import { seedAssessment } from './seed-assessment.js';
import { seedIncidents } from './seed-incidents.js';
import { seedSupplierRegister } from './seed-supplier-register.js';
import { seedFollowUps } from './seed-follow-ups.js';
import { seedChangeNotices } from './seed-change-notices.js';
import { seedAccessOrders } from './seed-access-orders.js';
import { seedCredentials } from './seed-credentials.js';
import { createSupplierPeopleService } from '../modules/supplier-people/supplier-people.service.js';
import { supplierPeopleQuery } from '../modules/supplier-people/supplier-people.schemas.js';
import { defaultPublicUrl } from '../platform/mail/mailer.js';
import { demoAssets, demoSystems, demoTenantName, demoUnits, demoUsers } from './demo-data.js';

export const demoAdminEmail = 'admin@demokommun.se';
// portal users of the demo care provider (same password as the administrator)
export const demoSupplierAdminEmail = 'leverantor@omsorgshuset.example';
export const demoOrdererEmail = 'bestallare@omsorgshuset.example';

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tenants);
  return (row?.n ?? 0) === 0;
}

export interface DemoResult {
  created: boolean;
  email: string;
  password: string | null;
}

// Loads "Demo kommun" through the same schemas and services the API uses, so the demo data obeys
// every rule and has its audit entries. All of it is one transaction: a crash leaves no half demo,
// and when another instance seeds at the same moment the loser finds the tenant there and stops.
// publicUrl: the base of links in the demo's mails (the running server's address)
export async function seedDemo(db: Db, password = process.env.TILLIT_DEMO_PASSWORD, publicUrl = defaultPublicUrl): Promise<DemoResult> {
  if (await findTenantByName(db, demoTenantName)) return { created: false, email: demoAdminEmail, password: null };
  // A chosen demo password must pass the same policy as any other; otherwise a random one is made.
  const pw = password && !checkPassword(password) ? password : randomBytes(12).toString('base64url');
  try {
    // Services get the transaction as their database; their own transactions become savepoints.
    await db.transaction((tx) => load(tx as unknown as Db, pw, publicUrl));
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code === '23505' || (err as { code?: string }).code === '23505') {
      return { created: false, email: demoAdminEmail, password: null };
    }
    throw err;
  }
  return { created: true, email: demoAdminEmail, password: pw };
}

async function load(db: Db, pw: string, publicUrl: string): Promise<void> {
  const auth = createAuthService(db);
  const { tenantId, userId } = await auth.ensureUser({
    tenantName: demoTenantName,
    email: demoAdminEmail,
    password: pw,
    displayName: 'Anna Admin (informationssäkerhetssamordnare)',
    role: 'coordinator',
  });
  await auth.ensureUser({
    tenantName: demoTenantName,
    email: 'redaktor@demokommun.se',
    password: pw,
    displayName: 'Erik Redaktör',
    role: 'system_owner',
  });
  await auth.ensureUser({
    tenantName: demoTenantName,
    email: 'lasare@demokommun.se',
    password: pw,
    displayName: 'Lena Läsare',
    role: 'manager',
  });

  const ctx: RequestContext = {
    actor: {
      userId,
      tenantId,
      roles: ['coordinator'],
      grants: [{ role: 'coordinator', scope: { type: 'tenant' } }],
      email: demoAdminEmail,
      displayName: 'Demo',
    },
    requestId: 'seed-demo',
  };
  const units = createOrgUnitsService(db);
  const systems = createSystemsService(db);
  const assets = createInformationAssetsService(db);

  const unitIds = new Map<string, string>();
  for (const u of demoUnits) {
    const parentId = u.parentKey ? unitIds.get(u.parentKey) : undefined;
    const created = await units.create(
      ctx,
      orgUnitCreate.parse({ name: u.name, type: u.type, parentId: parentId ?? null, description: u.description }),
    );
    unitIds.set(u.key, created.id);
  }
  const systemIds = new Map<string, string>();
  for (const { unitKey, ...s } of demoSystems) {
    const created = await systems.create(ctx, systemCreate.parse({ ...s, responsibleUnitId: unitIds.get(unitKey) }));
    systemIds.set(s.name, created.id);
  }
  const assetIds = new Map<string, string>();
  for (const { unitKey, systemNames, ...a } of demoAssets) {
    const created = await assets.create(
      ctx,
      assetCreate.parse({ ...a, unitId: unitIds.get(unitKey), systemIds: systemNames.map((n) => systemIds.get(n)) }),
    );
    assetIds.set(a.name, created.id);
  }
  await seedAssessment(db, ctx, { systems: systemIds, assets: assetIds, units: unitIds });

  // The other roles, some scoped: through the users service, as an administrator would add them. It
  // adds people without a password (they would use SSO or a reset link): the demo sets one first.
  const people = createUsersService(db);
  for (const u of demoUsers) {
    await upsertUser(db, u.email, u.displayName, await hashPassword(pw));
    const scope = u.unitKey
      ? { scopeType: 'unit', scopeUnitId: unitIds.get(u.unitKey) }
      : u.systemNames
        ? { scopeType: 'systems', scopeSystemIds: u.systemNames.map((n) => systemIds.get(n)) }
        : { scopeType: 'tenant' };
    await people.create(ctx, userCreate.parse({ email: u.email, displayName: u.displayName, assignments: [{ role: u.role, ...scope }] }));
  }
  // after the people: the employee reports an incident and the municipal director decides the restore order
  await seedIncidents(db, ctx, { systems: systemIds, publicUrl });
  await seedSuppliers(db, ctx, pw, publicUrl, systemIds);
}

// The supplier register and portal (issue 7): two suppliers with people, systems, contracts and meetings;
// two portal users of the care provider (its administrator, and an authorised orderer on the list), a
// follow-up sent, change notices, access orders, credentials and a recertification campaign.
async function seedSuppliers(db: Db, ctx: RequestContext, pw: string, publicUrl: string, systemIds: Map<string, string>): Promise<void> {
  const { supplierIds, careProviderId, itSupplierId } = await seedSupplierRegister(db, ctx, { systems: systemIds, publicUrl });
  const people = createUsersService(db);
  const portalUsers: { email: string; displayName: string; role: 'supplier_admin' | 'authorised_orderer' }[] = [
    { email: demoSupplierAdminEmail, displayName: 'Sofia Leverantörsadmin (Omsorgshuset)', role: 'supplier_admin' },
    { email: demoOrdererEmail, displayName: 'Sara Lind (behörig beställare, Omsorgshuset)', role: 'authorised_orderer' },
  ];
  const userIds = new Map<string, string>();
  for (const u of portalUsers) {
    await upsertUser(db, u.email, u.displayName, await hashPassword(pw));
    const created = await people.create(
      ctx,
      userCreate.parse({
        email: u.email,
        displayName: u.displayName,
        assignments: [{ role: u.role, scopeType: 'supplier', scopeSupplierId: careProviderId }],
      }),
    );
    userIds.set(u.role, created.id);
  }
  // the orderer's portal account is tied to her entry on the list, so her orders pass the D0-11 gate
  const list = createSupplierPeopleService(db);
  const entries = await list.list(ctx, careProviderId, supplierPeopleQuery.parse({ kind: 'authorised_orderer' }));
  const sara = entries.items.find((p) => p.name === 'Sara Lind');
  if (sara) await list.update(ctx, sara.id, sara.version, { userId: userIds.get('authorised_orderer') ?? null });

  const firstSystems = [...systemIds.values()].slice(0, 2);
  const combine = systemIds.get('Pulsen Combine');
  const orderSystems = combine ? [combine, ...firstSystems.filter((s) => s !== combine)] : firstSystems;
  await seedFollowUps(db, ctx, { careProviderId, itSupplierId, publicUrl });
  await seedChangeNotices(db, ctx, { supplierIds, systemIds: orderSystems, publicUrl });
  await seedAccessOrders(db, ctx, {
    supplierIds: [careProviderId, ...supplierIds.filter((s) => s !== careProviderId)],
    systemIds: orderSystems,
    publicUrl,
  });
  await seedCredentials(db, ctx, { supplierIds, systemIds: orderSystems });
}
