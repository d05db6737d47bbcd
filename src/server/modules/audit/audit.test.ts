import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anonymous, memberWith, newTenant, testApp, TEST_PASSWORD, type TestTenant } from '../../../../test/helpers/app.js';

interface Event {
  seq: number;
  at: string;
  tenantSeq: number;
  action: string;
  entityType: string;
  entityId: string | null;
  actor: { id: string; email: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  clientAddress: string | null;
  requestId: string | null;
  hash: string;
  prevHash: string;
}

// Drizzle wraps the database's error; its message is in the cause.
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  return 'no error';
}

const events = async (t: TestTenant, query = '') =>
  (await t.admin.get(`/api/v1/audit/events${query}`)).json<{ items: Event[]; nextCursor: string | null }>();

async function system(t: TestTenant, body: Record<string, unknown> = {}) {
  const res = await t.admin.post('/api/v1/systems', { name: 'Procapita', responsibleUnitId: t.unitId, ...body });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; version: number }>();
}

describe('audit trail: one chained event per write (D1-48, D1-68)', () => {
  it('D1-48: a change writes one event with actor, object, changed fields only, request id, client address and a chained hash', async () => {
    const t = await newTenant();
    const s = await system(t, { description: 'Verksamhetssystem för socialtjänsten' });
    const res = await t.admin.patch(`/api/v1/systems/${s.id}`, { hosting: 'local' }, { 'if-match': `"v${s.version}"` });
    expect(res.statusCode).toBe(200);
    const { items } = await events(t, `?entityId=${s.id}`);
    expect(items.map((e) => e.action)).toEqual(['system.update', 'system.create']);
    const [update, create] = items as [Event, Event];
    expect(update.before).toEqual({ hosting: null, updatedAt: expect.any(String), version: 1 });
    expect(update.after).toMatchObject({ hosting: 'local', version: 2 });
    expect(update.after).not.toHaveProperty('name');
    expect(create.after).toMatchObject({ name: 'Procapita', description: 'Verksamhetssystem för socialtjänsten' });
    expect(update.actor?.email).toMatch(/^coordinator-/);
    expect(update.clientAddress).toBe('127.0.0.1');
    expect(update.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(update.tenantSeq).toBe(create.tenantSeq + 1);
    expect(update.prevHash).toBe(create.hash);
    expect(update.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('D1-68: content of a secret-marked record is kept as keyed hashes, never in clear; structural fields stay readable', async () => {
    const t = await newTenant();
    const s = await system(t, { description: 'Skyddade personuppgifter', secret: true, secrecyProvision: '21 kap. 3 § OSL' });
    const res = await t.admin.patch(`/api/v1/systems/${s.id}`, { description: 'Ny text' }, { 'if-match': `"v${s.version}"` });
    expect(res.statusCode).toBe(200);
    const { items } = await events(t, `?entityId=${s.id}`);
    const raw = JSON.stringify(items);
    expect(raw).not.toContain('Skyddade personuppgifter');
    expect(raw).not.toContain('Ny text');
    const [update, create] = items as [Event, Event];
    expect(create.after).toMatchObject({
      secret: true,
      secrecyProvision: '21 kap. 3 § OSL',
      name: expect.stringMatching(/^hmac-sha256:[0-9a-f]{64}$/),
    });
    expect(update.before!.description).toMatch(/^hmac-sha256:/);
    expect(update.after!.description).toMatch(/^hmac-sha256:/);
    expect(update.before!.description).not.toBe(update.after!.description);
  });

  it("D1-68: a linked record is kept as its id only, so a secret system's name never reaches the trail of an open record", async () => {
    const t = await newTenant();
    const secret = await system(t, { name: 'Skyddat boende X', secret: true, secrecyProvision: '21 kap. 3 § OSL' });
    const asset = await t.admin.post('/api/v1/information-assets', { name: 'Boendelista', unitId: t.unitId, systemIds: [secret.id] });
    expect(asset.statusCode).toBe(201);
    const id = asset.json<{ id: string }>().id;
    const trail = JSON.stringify((await events(t, `?entityId=${id}`)).items);
    const history = JSON.stringify((await t.reader.get(`/api/v1/information-assets/${id}/history`)).json());
    for (const text of [trail, history]) {
      expect(text).not.toContain('Skyddat boende X');
      expect(text).toContain(secret.id);
    }
  });

  it('D1-48: sign-in, failed sign-in (wrong password) and sign-out are events in the tenant of the account', async () => {
    const t = await newTenant();
    const m = await memberWith(t, [{ role: 'manager' }], 'inloggning');
    const anon = await anonymous();
    const bad = await anon.post('/api/v1/auth/login', { email: m.email, password: 'fel-lösenord-helt-klart' });
    expect(bad.statusCode).toBe(401);
    await m.post('/api/v1/auth/logout');
    const { items } = await events(t, `?entityId=${m.userId}&action=auth.`);
    const actions = items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.sign-in', 'auth.sign-in-failed', 'auth.sign-out']));
    const failed = items.find((e) => e.action === 'auth.sign-in-failed')!;
    expect(failed.actor).toBeNull();
    expect(failed.after).toEqual({ method: 'password', reason: 'wrong-password' });
    expect(JSON.stringify(items)).not.toContain('fel-lösenord');
    const signIn = items.find((e) => e.action === 'auth.sign-in')!;
    expect(signIn.actor?.id).toBe(m.userId);
    expect(signIn.clientAddress).toBe('127.0.0.1');
  });

  it('D1-68: every export writes an event (register CSV and Excel, audit CSV and JSON Lines)', async () => {
    const t = await newTenant();
    await system(t);
    expect((await t.admin.get('/api/v1/systems?critical=true', { accept: 'text/csv' })).statusCode).toBe(200);
    expect((await t.admin.get('/api/v1/systems/export.xlsx')).statusCode).toBe(200);
    const csv = await t.admin.get('/api/v1/audit/events/export.csv?entityType=system');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toContain('Tidpunkt');
    expect(csv.body).toContain('system.create');
    const jsonl = await t.admin.get('/api/v1/audit/events/export.jsonl');
    expect(jsonl.statusCode).toBe(200);
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Event);
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);
    const { items } = await events(t);
    const exports = items.filter((e) => e.action.endsWith('export')).map((e) => [e.action, (e.after as { format: string }).format]);
    expect(exports).toEqual(
      expect.arrayContaining([
        ['system.export', 'csv'],
        ['system.export', 'xlsx'],
        ['audit.export', 'csv'],
        ['audit.export', 'jsonl'],
      ]),
    );
  });

  it('filters by actor, object type, action prefix and time, newest first with a cursor that visits each event once', async () => {
    const t = await newTenant();
    for (let i = 0; i < 5; i++) await system(t, { name: `System ${i}` });
    const all = await events(t, '?entityType=system&action=system.create');
    expect(all.items).toHaveLength(5);
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: Event[]; nextCursor: string | null } = await events(
        t,
        `?entityType=system&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(5);
    const editorId = all.items[0]!.actor!.id;
    expect((await events(t, `?actorId=${editorId}&entityType=system`)).items).toHaveLength(5);
    expect((await events(t, '?from=2999-01-01')).items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await events(t, `?to=${today}&entityType=system`)).items).toHaveLength(5);
    const bad = await t.admin.get('/api/v1/audit/events?from=igår&limit=0');
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const actions = (await t.admin.get('/api/v1/audit/actions')).json<{ items: string[] }>().items;
    expect(actions).toContain('system.create');
  });

  it('access: coordinator and auditor read the trail; system owner, manager and other tenants do not', async () => {
    const t = await newTenant();
    const other = await newTenant();
    await system(t, { name: 'Endast i T' });
    const auditor = await memberWith(t, [{ role: 'auditor' }], 'revisor');
    expect((await auditor.get('/api/v1/audit/events')).statusCode).toBe(200);
    expect((await auditor.post('/api/v1/audit/verify')).statusCode).toBe(200);
    expect((await auditor.post('/api/v1/audit/checkpoints')).statusCode).toBe(403);
    expect((await t.editor.get('/api/v1/audit/events')).statusCode).toBe(403);
    expect((await t.reader.get('/api/v1/audit/events/export.csv')).statusCode).toBe(403);
    const unitOnly = await memberWith(t, [{ role: 'coordinator', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhet');
    expect((await unitOnly.get('/api/v1/audit/events')).statusCode).toBe(403);
    expect((await (await anonymous()).get('/api/v1/audit/events')).statusCode).toBe(401);
    const theirs = (await other.admin.get('/api/v1/audit/events?entityType=system')).json<{ items: Event[] }>();
    expect(theirs.items).toHaveLength(0);
  });

  it('history tab: whoever may read a record reads its history; a masked viewer sees who and when, not values', async () => {
    const t = await newTenant();
    const open = await system(t, { name: 'Öppet system' });
    const secret = await system(t, { name: 'Hemligt', secret: true, secrecyProvision: '18 kap. 8 § OSL' });
    const h = (await t.reader.get(`/api/v1/systems/${open.id}/history`)).json<{ items: Event[] }>();
    expect(h.items.map((e) => e.action)).toEqual(['system.create']);
    expect(h.items[0]!.after).toMatchObject({ name: 'Öppet system' });
    const masked = (await t.reader.get(`/api/v1/systems/${secret.id}/history`)).json<{ items: Event[] }>();
    expect(masked.items[0]).toMatchObject({ action: 'system.create', before: null, after: null });
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/systems/${open.id}/history`)).statusCode).toBe(404);
    expect((await t.admin.get(`/api/v1/org-units/${t.unitId}/history`)).json<{ items: Event[] }>().items[0]!.action).toBe(
      'org-unit.create',
    );
  });

  it('checkpoints: taking one records the head (its own event included); export as JSON Lines is audited', async () => {
    const t = await newTenant();
    await system(t);
    const cp = await t.admin.post('/api/v1/audit/checkpoints');
    expect(cp.statusCode).toBe(201);
    const taken = cp.json<{ tenantSeq: number; hash: string; kind: string }>();
    const [newest] = (await events(t, '?limit=1')).items;
    expect(newest).toMatchObject({ action: 'audit.checkpoint', tenantSeq: taken.tenantSeq, hash: taken.hash });
    expect(taken.kind).toBe('manual');
    const file = await t.admin.get('/api/v1/audit/checkpoints/export.jsonl');
    expect(
      file.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { hash: string })[0]!.hash,
    ).toBe(taken.hash);
    const verify = (await t.admin.post('/api/v1/audit/verify')).json<{ status: string; checked: number }>();
    expect(verify.status).toBe('intact');
    expect(verify.checked).toBeGreaterThan(3);
  });

  it('the application role cannot update, delete or truncate events, and the trigger refuses even the owner', async () => {
    const { database } = await testApp();
    const t = await newTenant();
    const db = database.db;
    const asApp = (stmt: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${t.tenantId}, true), set_config('role', 'tillit_app', true)`);
        await tx.execute(sql.raw(stmt));
      });
    for (const stmt of [
      `update audit_events set action = 'x' where tenant_id = '${t.tenantId}'`,
      `delete from audit_events where tenant_id = '${t.tenantId}'`,
      'truncate audit_events',
      `update audit_heads set tenant_seq = 0 where tenant_id = '${t.tenantId}'`,
    ])
      expect(await failure(asApp(stmt)), stmt).toMatch(/permission denied/);
    expect(await failure(db.execute(sql`update audit_events set action = 'x' where tenant_id = ${t.tenantId}`))).toMatch(/append-only/);
    expect(await failure(db.execute(sql`delete from audit_events where tenant_id = ${t.tenantId}`))).toMatch(/append-only/);
    expect(await failure(db.execute(sql`update audit_checkpoints set hash = 'x'`))).toMatch(/append-only/);
    // an application insert cannot choose its number or hash: the trigger sets them
    await asApp(
      `insert into audit_events (seq, at, tenant_id, action, entity_type, tenant_seq, prev_hash, hash)
        values (9000000000, '2001-01-01', '${t.tenantId}', 'forged', 'x', 1, 'a', 'b')`,
    );
    const [forged] = (await events(t, '?action=forged')).items;
    expect(forged!.tenantSeq).toBeGreaterThan(1);
    expect(forged!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(forged!.seq).toBeLessThan(9000000000);
    expect(new Date(forged!.at).getFullYear()).toBeGreaterThan(2001);
    // checkpoints only as copies of the own head, through the database function
    expect(
      await failure(
        asApp(`insert into audit_checkpoints (tenant_id, tenant_seq, hash, kind) values ('${t.tenantId}', 999, 'x', 'manual')`),
      ),
    ).toMatch(/permission denied/);
    const other = await newTenant();
    expect(await failure(asApp(`select * from audit_take_checkpoint('${other.tenantId}', 'manual')`))).toMatch(/another tenant/);
    // an anchor made by hand cannot open the purge for events that were never archived
    expect(
      await failure(
        db.execute(sql`insert into audit_anchors (tenant_id, tenant_seq, hash, event_count, file_name, file_sha256)
          select tenant_id, tenant_seq, hash, 1, 'x', repeat('a', 64) from audit_events where tenant_id = ${t.tenantId} order by tenant_seq desc limit 1`),
      ),
    ).toMatch(/anchor refused/);
    // a temporary table cannot stand in for the chain's tables
    expect(await failure(asApp('create temporary table audit_heads (tenant_id uuid, tenant_seq bigint, hash text)'))).toMatch(
      /permission denied/,
    );
    expect((await t.admin.post('/api/v1/audit/verify')).json<{ status: string }>().status).toBe('intact');
    expect(TEST_PASSWORD).toBeTruthy();
  });
});

describe('retention setting', () => {
  it('the coordinator sets how long events are kept (90 days at least, or keep all); the change is itself audited', async () => {
    const t = await newTenant();
    const current = (await t.admin.get('/api/v1/tenant/settings')).json<{ version: number; auditRetentionDays: number | null }>();
    expect(current.auditRetentionDays).toBeNull();
    const short = await t.admin.patch('/api/v1/tenant/settings', { auditRetentionDays: 30 }, { 'if-match': `"v${current.version}"` });
    expect(short.statusCode).toBe(422);
    expect(short.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('auditRetentionDays');
    const ok = await t.admin.patch('/api/v1/tenant/settings', { auditRetentionDays: 730 }, { 'if-match': `"v${current.version}"` });
    expect(ok.json()).toMatchObject({ auditRetentionDays: 730 });
    const [event] = (await events(t, '?action=tenant.settings-update')).items;
    expect(event).toMatchObject({ before: { auditRetentionDays: null }, after: { auditRetentionDays: 730 } });
    expect((await t.editor.patch('/api/v1/tenant/settings', { auditRetentionDays: null }, { 'if-match': '"v2"' })).statusCode).toBe(403);
  });
});
