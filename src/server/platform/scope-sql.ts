import { sql, type SQL } from 'drizzle-orm';
import { readClauses, type Actor, type Resource } from './access.js';

export interface ScopeColumns {
  unitId?: SQL;
  systemId?: SQL;
  // for rows reached through linked systems (an information asset): the condition given the ids
  linkedSystems?: (ids: SQL) => SQL;
  supplierId?: SQL;
  secret?: SQL;
}

const uuids = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

// The list filter that matches `viewOf`: a row is listed when one of the actor's grants reaches it,
// and a secret-marked row only through a grant that may see it. When the list is filtered on
// content (free text, owner names), a secret row may only match through a grant that sees its
// content in full, or the filter itself would reveal what the mask hides.
export function scopeWhere(actor: Actor, resource: Resource, cols: ScopeColumns, contentFiltered = false): SQL {
  const parts: SQL[] = [];
  for (const c of readClauses(actor, resource)) {
    const reach: SQL[] = [];
    if (c.all) reach.push(sql`true`);
    if (c.unitIds.length && cols.unitId) reach.push(sql`${cols.unitId} = any(${uuids(c.unitIds)})`);
    if (c.systemIds.length && cols.systemId) reach.push(sql`${cols.systemId} = any(${uuids(c.systemIds)})`);
    if (c.systemIds.length && cols.linkedSystems) reach.push(cols.linkedSystems(uuids(c.systemIds)));
    if (c.supplierIds.length && cols.supplierId) reach.push(sql`${cols.supplierId} = any(${uuids(c.supplierIds)})`);
    if (reach.length === 0) continue;
    const secretOk =
      cols.secret && (c.secret === 'hidden' || (contentFiltered && c.secret !== 'full')) ? sql`not ${cols.secret}` : sql`true`;
    parts.push(sql`((${sql.join(reach, sql` or `)}) and ${secretOk})`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}
