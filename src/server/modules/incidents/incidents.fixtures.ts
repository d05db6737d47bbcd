import { sql } from 'drizzle-orm';
import { testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { rowsOf } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';

// Shared by the incident tests: report, read and change an incident through the API as a person would.
export type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function report(t: TestTenant, extra: Record<string, unknown> = {}, client = t.admin) {
  const res = await client.post('/api/v1/incidents', {
    title: 'Obehörig åtkomst till e-post',
    awareAt: '2026-03-07T02:00:00+01:00',
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
  return res.json<J>();
}

export async function detail(t: TestTenant, id: string, client = t.admin) {
  const res = await client.get(`/api/v1/incidents/${id}`);
  return { res, body: res.json<J>(), etag: res.headers.etag as string };
}

export async function patch(t: TestTenant, id: string, body: Record<string, unknown>, client = t.admin) {
  const { etag } = await detail(t, id);
  return client.patch(`/api/v1/incidents/${id}`, body, { 'if-match': etag });
}

export async function sqlIn<T>(t: TestTenant, q: ReturnType<typeof sql>): Promise<T[]> {
  const { database } = await testApp();
  return withTenant(database.db, t.tenantId, async (tx) => rowsOf<T>(await tx.execute(q)));
}

export const documented = {
  severity: 'moderate',
  description: 'Ett konto kapades via nätfiske.',
  consequences: 'Ett fåtal e-postmeddelanden lästes av obehörig.',
  conclusions: 'MFA saknades för kontot.',
  prevention: 'MFA införs för alla konton.',
};
