import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openEmbedded, openPostgres, type Database } from '../../src/server/db/client.js';
import { createAuthService } from '../../src/server/modules/auth/auth.service.js';
import { hashPassword } from '../../src/server/platform/auth/passwords.js';
import type { Role } from '../../src/shared/enums.js';

interface Shared {
  database: Database;
  app: FastifyInstance;
}

let shared: Promise<Shared> | undefined;

// One database and app per test worker (see vitest.config.ts).
export function testApp(): Promise<Shared> {
  shared ??= (async () => {
    const url = inject('databaseUrl');
    const database = url ? await openPostgres(url, 4) : await openEmbedded(null);
    if (!url) await database.migrate();
    const app = await buildApp({ database, webRoot: null });
    await app.ready();
    return { database, app };
  })();
  return shared;
}

export const uniq = (prefix = '') => `${prefix}${randomBytes(4).toString('hex')}`;
export const TEST_PASSWORD = 'Korrekt-Hast-Batteri-42';

type Body = Record<string, unknown> | unknown[];

export class Client {
  csrfToken = '';
  constructor(
    readonly app: FastifyInstance,
    public cookie = '',
  ) {}

  async login(email: string, password = TEST_PASSWORD) {
    const res = await this.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const set = res.cookies.find((c) => c.name === 'tillit_session');
    this.cookie = `tillit_session=${set!.value}`;
    this.csrfToken = res.json<{ csrfToken: string }>().csrfToken;
    return res;
  }

  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (method !== 'GET' && this.csrfToken && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    return this.app.inject({ method, url, headers: h, ...(body !== undefined ? { payload: body } : {}) });
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) => this.request('POST', url, body, headers);
  patch = (url: string, body: Body, headers?: Record<string, string>) => this.request('PATCH', url, body, headers);
  put = (url: string, body: Body, headers?: Record<string, string>) => this.request('PUT', url, body, headers);
  del = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

export interface TestTenant {
  tenantId: string;
  name: string;
  admin: Client;
  editor: Client;
  reader: Client;
  unitId: string;
}

// A fresh tenant per test with one user per role and one unit: tests never see each other's rows.
export async function newTenant(): Promise<TestTenant> {
  const { app, database } = await testApp();
  const auth = createAuthService(database.db);
  const name = `Testkommun ${uniq()}`;
  const clients = {} as Record<Role, Client>;
  let tenantId = '';
  // admin = the coordinator, editor = a tenant-wide system owner, reader = a tenant-wide manager
  for (const role of ['coordinator', 'system_owner', 'manager'] as const) {
    const email = `${role}-${uniq()}@test.example`;
    const r = await auth.ensureUser({ tenantName: name, email, password: TEST_PASSWORD, role });
    tenantId = r.tenantId;
    clients[role] = new Client(app);
    await clients[role].login(email);
  }
  const unit = await clients.coordinator.post('/api/v1/org-units', { name: 'Kommunledningsförvaltningen', type: 'department' });
  if (unit.statusCode !== 201) throw new Error(`unit: ${unit.body}`);
  return {
    tenantId,
    name,
    admin: clients.coordinator,
    editor: clients.system_owner,
    reader: clients.manager,
    unitId: unit.json<{ id: string }>().id,
  };
}

export const anonymous = async () => new Client((await testApp()).app);

export interface AssignmentInput {
  role: Role;
  scopeType?: 'tenant' | 'unit' | 'systems' | 'supplier';
  scopeUnitId?: string;
  scopeSystemIds?: string[];
  scopeSupplierId?: string;
}

// A signed-in member of the tenant with exactly these role assignments, added through the users
// API as a coordinator would; the password is set directly (the reset-link flow has its own tests).
export async function memberWith(
  t: TestTenant,
  assignments: AssignmentInput[],
  label = 'medlem',
): Promise<Client & { userId: string; email: string }> {
  const { app, database } = await testApp();
  const email = `${label}-${uniq()}@test.example`;
  const res = await t.admin.post('/api/v1/users', { email, displayName: `${label} ${uniq()}`, assignments });
  if (res.statusCode !== 201) throw new Error(`member: ${res.statusCode} ${res.body}`);
  const userId = res.json<{ id: string }>().id;
  await database.db.execute(sql`update users set password_hash = ${await hashPassword(TEST_PASSWORD)} where id = ${userId}`);
  const c = new Client(app) as Client & { userId: string; email: string };
  await c.login(email);
  c.userId = userId;
  c.email = email;
  return c;
}
