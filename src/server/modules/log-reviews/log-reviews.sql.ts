import { sql, type SQL } from 'drizzle-orm';
import type { SubjectSystem } from './log-reviews.policy.js';

// Column expressions shared by the plan and review queries. Drizzle leaves single-table columns
// unqualified, so subqueries name the outer table explicitly.

export interface Person {
  id: string;
  displayName: string;
}

export const systemsOf = (table: string) =>
  sql<SubjectSystem[]>`coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name, 'unitId', s.responsible_unit_id,
    'secret', s.secret) order by lower(s.name), s.id)
    from systems s where s.tenant_id = ${sql.raw(table)}.tenant_id and s.id = any(${sql.raw(table)}.system_ids)), '[]'::json)`;

export const supplierOf = (table: string) =>
  sql<{ id: string; name: string } | null>`(select json_build_object('id', p.id, 'name', p.name) from suppliers p
    where p.tenant_id = ${sql.raw(table)}.tenant_id and p.id = ${sql.raw(table)}.supplier_id)`;

export const personOf = (column: SQL) =>
  sql<Person | null>`(select json_build_object('id', u.id, 'displayName', u.display_name) from users u where u.id = ${column})`;

// The municipality's calendar day: a review is overdue the day after its due date.
export const today = sql`(now() at time zone 'Europe/Stockholm')::date`;

const arrayOf = (values: readonly string[], type: 'uuid' | 'text') =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::${sql.raw(type)}[]`;
export const uuidArray = (ids: readonly string[]) => arrayOf(ids, 'uuid');
export const textArray = (values: readonly string[]) => arrayOf(values, 'text');
