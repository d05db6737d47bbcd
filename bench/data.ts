import { sql } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.js';

// Deterministic register data: the same names, units and costs every run, inserted in bulk.
export async function seedSystems(db: Db, tenantId: string, count: number): Promise<string[]> {
  const units = [
    'Kommunledningsförvaltningen',
    'Socialförvaltningen',
    'Barn- och utbildningsförvaltningen',
    'Samhällsbyggnadsförvaltningen',
  ];
  const unitIds: string[] = [];
  for (const name of units) {
    const r = (await db.execute(
      sql`insert into org_units (tenant_id, name, type) values (${tenantId}, ${name}, 'department') returning id`,
    )) as unknown as { rows: { id: string }[] };
    unitIds.push(r.rows[0]!.id);
  }
  const statuses = ['planned', 'in_use', 'in_use', 'in_use', 'phasing_out', 'retired'];
  const ids: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, k) => start + k);
    const values = sql.join(
      batch.map(
        (i) =>
          sql`(${tenantId}, ${`System ${i}`}, ${`Verksamhetssystem nummer ${i} för handläggning och dokumentation`}, ${unitIds[i % unitIds.length]}, ${`Ägare ${i % 37}`}, ${`Leverantör ${i % 53} AB`}, ${statuses[i % statuses.length]}, ${i % 9 === 0})`,
      ),
      sql`, `,
    );
    const r = (await db.execute(
      sql`insert into systems (tenant_id, name, description, responsible_unit_id, system_owner, supplier, lifecycle_status, critical) values ${values} returning id`,
    )) as unknown as { rows: { id: string }[] };
    ids.push(...r.rows.map((x) => x.id));
  }
  await db.execute(sql`insert into system_costs (tenant_id, system_id, category, amount_ore, year)
    select tenant_id, id, 'licence', 10000000 + (hashtext(id::text) & 1048575), y from systems, (values (2025), (2026)) v(y) where tenant_id = ${tenantId}`);
  await seedClassifiedAssets(db, tenantId);
  return ids;
}

// Five information assets per system (10,000 for the national scale's 2,000 systems), each linked to
// its system and classified, so a system's detail computes its protection level over real links.
async function seedClassifiedAssets(db: Db, tenantId: string): Promise<void> {
  // the description names the system, so the links can be made in one join
  await db.execute(sql`insert into information_assets (tenant_id, name, description, unit_id, personal_data)
    select s.tenant_id, s.name || ' – informationsmängd ' || k, 'Hanteras i ' || s.id, s.responsible_unit_id,
      (array['none', 'ordinary', 'personnummer'])[k % 3 + 1]
    from systems s, generate_series(1, 5) k where s.tenant_id = ${tenantId}`);
  await db.execute(sql`insert into information_asset_systems (tenant_id, asset_id, system_id)
    select a.tenant_id, a.id, s.id from information_assets a
    join systems s on s.tenant_id = a.tenant_id and a.description = 'Hanteras i ' || s.id
    where a.tenant_id = ${tenantId}`);
  await db.execute(sql`insert into asset_classifications (tenant_id, asset_id, confidentiality, integrity, availability, traceability, reasons, next_review_on)
    select tenant_id, id, 2, hashtext(id::text) & 3, 1 + (hashtext(name) & 1), 1, '{"confidentiality":"Bench"}'::jsonb, date '2027-06-30'
    from information_assets where tenant_id = ${tenantId}`);
}

// Deterministic audit trail for one tenant: event i always has the same action, object and before/after,
// with the sizes real events have (a small changed-field delta for most updates, a full record for
// creates, sign-ins, secret fields as keyed hashes). Inserted in SQL so the audit_chain() trigger numbers
// and hashes every row as it does in production; one transaction per batch keeps the head row's version
// chain short.
export async function seedAuditEvents(db: Db, tenantId: string, actorUserId: string, count: number, batch = 1_000): Promise<void> {
  for (let start = 1; start <= count; start += batch) {
    const end = Math.min(count, start + batch - 1);
    await db.execute(sql`insert into audit_events (tenant_id, actor_user_id, action, entity_type, entity_id, before, after, request_id, client_address, at)
      select ${tenantId}::uuid, ${actorUserId}::uuid, e.action, e.entity_type, e.entity_id, e.before, e.after,
        'req-' || md5('r' || i), '10.0.' || (i % 200) || '.' || (i % 250), timestamptz '2026-01-01 00:00:00+00' + i * interval '7 seconds'
      from generate_series(${start}::int, ${end}::int) i, lateral (select md5(i::text) h, md5('s' || (i % 2000))::uuid sys) r,
      lateral (select * from (values
        (0, 'system.update', 'system', r.sys,
          jsonb_build_object('description', 'Verksamhetssystem för handläggning ' || substr(r.h, 1, 12), 'version', i % 40, 'updatedAt', '2026-01-01T08:00:00.000Z'),
          jsonb_build_object('description', 'Verksamhetssystem för handläggning och dokumentation ' || substr(r.h, 13, 12), 'version', i % 40 + 1, 'updatedAt', '2026-01-02T09:30:00.000Z')),
        (1, 'auth.sign-in', 'user', ${actorUserId}::uuid, null::jsonb,
          jsonb_build_object('method', 'password', 'mfa', i % 3 = 0, 'userAgent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36')),
        (2, 'system.create', 'system', r.sys, null::jsonb,
          jsonb_build_object('id', r.sys, 'version', 1, 'archived', false, 'secret', false, 'secrecyProvision', null, 'masked', false,
            'name', 'System ' || (i % 2000), 'description', 'Verksamhetssystem nummer ' || i || ' för handläggning och dokumentation',
            'responsibleUnitId', md5('u' || (i % 4))::uuid, 'responsibleUnit', jsonb_build_object('id', md5('u' || (i % 4))::uuid, 'name', 'Socialförvaltningen'),
            'systemOwner', 'Ägare ' || (i % 37), 'systemAdministrators', jsonb_build_array('Förvaltare ' || (i % 11), 'Förvaltare ' || (i % 13)),
            'operationsResponsible', 'IT-avdelningen', 'supplier', 'Leverantör ' || (i % 53) || ' AB', 'hosting', 'saas',
            'authenticationMethod', 'sso', 'critical', i % 9 = 0, 'lifecycleStatus', 'in_use', 'lastReviewedOn', null,
            'costs', jsonb_build_array(jsonb_build_object('category', 'licence', 'amountSek', 100000 + i % 5000, 'year', 2026, 'note', null)),
            'informationAssets', jsonb_build_array(), 'createdAt', '2026-01-01T08:00:00.000Z', 'updatedAt', '2026-01-01T08:00:00.000Z')),
        (3, 'org-unit.update', 'org-unit', md5('u' || (i % 4))::uuid,
          jsonb_build_object('name', 'Enhet ' || substr(r.h, 1, 6), 'version', i % 20),
          jsonb_build_object('name', 'Enhet ' || substr(r.h, 7, 6), 'version', i % 20 + 1)),
        (4, 'system.update', 'system', r.sys,
          jsonb_build_object('description', 'hmac-sha256:' || r.h || md5(r.h), 'systemOwner', 'hmac-sha256:' || md5(r.h || 'o') || md5(r.h || 'p'), 'version', i % 40),
          jsonb_build_object('description', 'hmac-sha256:' || md5(r.h || 'd') || md5(r.h || 'e'), 'systemOwner', 'hmac-sha256:' || md5(r.h || 'q') || md5(r.h || 'r'), 'version', i % 40 + 1))
      ) v(k, action, entity_type, entity_id, before, after)
      where v.k = (array[0, 0, 0, 0, 0, 1, 1, 2, 3, 4])[i % 10 + 1]) e`);
  }
}
