import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { Client, testApp, TEST_PASSWORD, type TestTenant } from './app.js';
import { hashPassword } from '../../src/server/platform/auth/passwords.js';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const { database } = await testApp();
  return ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

export async function mintToken(t: TestTenant, roles: string[] = ['provisioning']): Promise<{ id: string; token: string }> {
  const res = await t.admin.post('/api/v1/api-tokens', { name: 'Entra ID', roles });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// A SCIM client as Entra ID is one: bearer token, application/scim+json.
export function scimClient(app: FastifyInstance, token: string | null, extra: Record<string, string> = {}) {
  const call = (method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url: `/scim/v2${path}`,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
        ...extra,
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown) => call('POST', path, body),
    put: (path: string, body: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    patch: (path: string, ops: unknown[], headers?: Record<string, string>) =>
      call('PATCH', path, { schemas: [PATCH_OP], Operations: ops }, headers),
    delete: (path: string) => call('DELETE', path),
    raw: call,
  };
}
export type ScimClient = ReturnType<typeof scimClient>;

// A user the way Entra ID's default attribute mapping sends one.
export function entraUser(email: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER, ENTERPRISE],
    externalId: `ext-${email}`,
    userName: email,
    active: true,
    displayName: 'Karin Lind',
    emails: [{ primary: true, type: 'work', value: email }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Karin Lind', familyName: 'Lind', givenName: 'Karin' },
    [ENTERPRISE]: { employeeNumber: '4711', department: 'Socialförvaltningen' },
    ...extra,
  };
}

export async function mapGroup(tenantId: string, groupName: string, role: string): Promise<void> {
  await rows(sql`insert into group_role_mappings (tenant_id, group_name, role) values (${tenantId}, ${groupName}, ${role})`);
}

// Gives a provisioned person a local password and signs them in (as if they had set one).
export async function signInAs(userId: string, email: string): Promise<Client> {
  const { app } = await testApp();
  await rows(sql`update users set password_hash = ${await hashPassword(TEST_PASSWORD)} where id = ${userId}`);
  const c = new Client(app);
  await c.login(email);
  return c;
}

export async function rolesOf(tenantId: string, userId: string): Promise<string[]> {
  return (
    await rows<{ role: string }>(sql`select role from role_assignments where tenant_id = ${tenantId} and user_id = ${userId} order by role`)
  ).map((r) => r.role);
}

export function expectScimError(res: LightMyRequestResponse, status: number, scimType?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  const body = res.json();
  expect(body.schemas).toEqual([ERROR]);
  expect(body.status).toBe(String(status));
  if (scimType) expect(body.scimType).toBe(scimType);
  expect(typeof body.detail).toBe('string');
  return body;
}
