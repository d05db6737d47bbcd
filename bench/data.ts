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
  return ids;
}
