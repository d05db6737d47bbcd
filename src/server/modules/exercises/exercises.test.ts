import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type Client, type TestTenant } from '../../../../test/helpers/app.js';
import { rowsOf } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { jobHandlers } from '../../job-handlers.js';
import type { Actor } from '../../platform/access.js';
import { addDays, addMonths, stockholmToday } from '../../platform/calendar.js';
import { ensureDailyJobs, runDueJobs } from '../../platform/scheduler/runner.js';
import { stockholmMoment } from '../../platform/scheduler/runner-util.js';
import { exerciseDeadlines } from './exercises.deadlines.js';
import { exerciseOverdueCheck } from './exercises.jobs.js';

type J = Record<string, unknown> & { id: string; version: number };
const v = (n: number) => ({ 'if-match': `"v${n}"` });

async function criticalSystem(t: TestTenant, name = 'Procapita', unitId = t.unitId): Promise<string> {
  return (await t.admin.post('/api/v1/systems', { name, responsibleUnitId: unitId, critical: true })).json<J>().id;
}
const exercise = (c: Client, extra: Record<string, unknown>) =>
  c.post('/api/v1/exercises', { title: 'Avbrott i verksamhetssystem', kind: 'continuity', heldOn: '2026-01-20', ...extra });
const userId = async (c: Client) => (await c.get('/api/v1/auth/me')).json().user.id as string;

async function notifications(tenantId: string, kind = 'exercise-due') {
  const { database } = await testApp();
  return rowsOf<{ user_id: string; key: string; subject_id: string; title: string; link: string }>(
    await database.db.execute(
      sql`select user_id, key, subject_id, title, link from notifications where tenant_id = ${tenantId} and kind = ${kind} order by key, user_id`,
    ),
  );
}

describe('exercises (D1-42, D1-54)', () => {
  it('D1-42: a critical system is overdue when its last exercise is older than 12 months, not on the day', async () => {
    const t = await newTenant();
    const onBoundary = await criticalSystem(t, 'Precis ett år');
    const past = await criticalSystem(t, 'Ett år och en dag');
    const today = stockholmToday();
    const yearAgo = addMonths(today, -12);
    expect((await exercise(t.editor, { systemIds: [onBoundary], heldOn: yearAgo })).statusCode).toBe(201);
    expect((await exercise(t.editor, { systemIds: [past], heldOn: addDays(yearAgo, -1) })).statusCode).toBe(201);
    // a planned exercise (in the future) does not count yet
    await exercise(t.editor, { systemIds: [past], heldOn: addDays(today, 10) });
    const o = (await t.reader.get('/api/v1/continuity/overview')).json();
    const byId = (id: string) => o.systems.find((s: J) => s.id === id);
    expect(byId(onBoundary)).toMatchObject({ lastExerciseOn: yearAgo, exerciseOverdue: false, nextExerciseDueOn: addMonths(yearAgo, 12) });
    expect(byId(past)).toMatchObject({ lastExerciseOn: addDays(yearAgo, -1), exerciseOverdue: true });
    expect(byId(past).gaps).toContain('exercise_overdue');
    expect((await t.reader.get(`/api/v1/systems/${onBoundary}/continuity`)).json()).toMatchObject({ exerciseOverdue: false });
    // an archived exercise no longer counts
    const ex = (await t.admin.get(`/api/v1/exercises?systemId=${onBoundary}`)).json().items[0] as J;
    await t.admin.post(`/api/v1/exercises/${ex.id}/archive`, undefined, v(ex.version));
    expect((await t.reader.get(`/api/v1/systems/${onBoundary}/continuity`)).json()).toMatchObject({
      exerciseOverdue: true,
      lastExerciseOn: null,
    });
  });

  it('D1-42: the daily check reminds the coordinator and the system owners once per system and month', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const overdue = await criticalSystem(t, 'Övas inte');
    const fresh = await criticalSystem(t, 'Nyss övat');
    await exercise(t.admin, { systemIds: [fresh], heldOn: stockholmToday() });
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Annan', type: 'department' })).json<J>().id;
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    const farOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: otherUnit }], 'fjarran');

    const opts = { publicUrl: 'https://tillit.test', instanceId: 'test', tenantIds: [t.tenantId] };
    // noon tomorrow in Stockholm: after the daily job's 06:00
    const now = stockholmMoment(addDays(stockholmToday(), 1), 12);
    expect(await ensureDailyJobs(database.db, [exerciseOverdueCheck], now, { tenantIds: [t.tenantId] })).toBe(1);
    expect(await runDueJobs(database.db, jobHandlers, { ...opts, now })).toBe(1);
    const told = await notifications(t.tenantId);
    const month = stockholmToday(now).slice(0, 7);
    expect(told.every((n) => n.subject_id === overdue && n.key === `exercise-overdue:${overdue}:${month}`)).toBe(true);
    expect(told.map((n) => n.user_id).sort()).toEqual([await userId(t.admin), await userId(t.editor), unitOwner.userId].sort());
    expect(told.map((n) => n.user_id)).not.toContain(farOwner.userId);
    expect(told[0]).toMatchObject({ title: 'Övas inte', link: `/systems/${overdue}` });
    // the next day's run tells nobody again within the month
    const tomorrow = new Date(now.getTime() + 24 * 3_600_000);
    await ensureDailyJobs(database.db, [exerciseOverdueCheck], tomorrow, { tenantIds: [t.tenantId] });
    await runDueJobs(database.db, jobHandlers, { ...opts, now: tomorrow });
    if (stockholmToday(tomorrow).slice(0, 7) === month) expect(await notifications(t.tenantId)).toHaveLength(told.length);
  });

  it('D1-42: the calendar shows the next exercise of each critical system to those reminded of it', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const id = await criticalSystem(t);
    await exercise(t.admin, { systemIds: [id], heldOn: '2026-01-20' });
    const base = { userId: await userId(t.admin), tenantId: t.tenantId, email: '', displayName: '' };
    const coordinator: Actor = { ...base, roles: ['coordinator'], grants: [{ role: 'coordinator', scope: { type: 'tenant' } }] };
    const manager: Actor = { ...base, roles: ['manager'], grants: [{ role: 'manager', scope: { type: 'tenant' } }] };
    const list = (actor: Actor) =>
      withTenant(database.db, t.tenantId, (tx) => exerciseDeadlines(tx, actor, { lang: 'sv', now: new Date('2026-03-01T10:00:00Z') }));
    const mine = await list(coordinator);
    expect(mine).toEqual([expect.objectContaining({ key: `exercise-due:${id}`, title: 'Kontinuitetsövning: Procapita', allDay: true })]);
    expect(stockholmToday(mine[0]!.dueAt)).toBe('2027-01-20');
    expect(await list(manager)).toEqual([]);
  });

  it('D1-42: a lesson becomes a measure (origin exercise) and the exercise lists it', async () => {
    const t = await newTenant();
    const id = await criticalSystem(t);
    const ex = (
      await exercise(t.editor, {
        systemIds: [id],
        participants: ['IT-enheten', 'Hemtjänsten'],
        lessons: 'Reservrutinen saknade telefonlista.',
      })
    ).json<J>();
    const noTitle = await t.editor.post(`/api/v1/exercises/${ex.id}/measures`, {});
    expect(noTitle.statusCode).toBe(422);
    expect(noTitle.json().errors[0].field).toBe('title');
    const made = await t.editor.post(`/api/v1/exercises/${ex.id}/measures`, { title: 'Ta fram telefonlista', dueOn: '2026-06-30' });
    expect(made.statusCode).toBe(201);
    const measure = (await t.admin.get(`/api/v1/measures/${made.json<J>().id}`)).json();
    expect(measure).toMatchObject({ origin: 'exercise', originId: ex.id, systemId: id, unitId: t.unitId, title: 'Ta fram telefonlista' });
    const detail = (await t.reader.get(`/api/v1/exercises/${ex.id}`)).json();
    expect(detail).toMatchObject({ participants: ['IT-enheten', 'Hemtjänsten'], systems: [{ id, name: 'Procapita', critical: true }] });
    expect(detail.measures).toEqual([{ id: made.json<J>().id, title: 'Ta fram telefonlista', status: 'proposed' }]);
    // management reads exercises but does not create measures
    expect((await t.reader.post(`/api/v1/exercises/${ex.id}/measures`, { title: 'x' })).statusCode).toBe(403);
  });

  it('D1-54: incident handling is exercised too; without one the overview flags it', async () => {
    const t = await newTenant();
    expect((await t.reader.get('/api/v1/continuity/overview')).json().incidentHandling).toEqual({ lastExerciseOn: null, overdue: true });
    await exercise(t.admin, { kind: 'incident_handling', title: 'Incidentövning', heldOn: stockholmToday() });
    expect((await t.reader.get('/api/v1/continuity/overview')).json().incidentHandling).toEqual({
      lastExerciseOn: stockholmToday(),
      overdue: false,
    });
  });

  it('access: a manager reads but does not record; a unit grant reaches exercises of its systems only; another tenant 404', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const mine = await criticalSystem(t);
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Annan', type: 'department' })).json<J>().id;
    const far = await criticalSystem(t, 'Långt bort', otherUnit);
    expect((await exercise(t.reader, { systemIds: [mine] })).statusCode).toBe(403);
    const inUnit = (await exercise(t.admin, { systemIds: [mine] })).json<J>();
    const outside = (await exercise(t.admin, { systemIds: [far] })).json<J>();
    const tenantWide = (await exercise(t.admin, { kind: 'incident_handling' })).json<J>();
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    expect((await owner.get('/api/v1/exercises')).json().items.map((e: J) => e.id)).toEqual([inUnit.id]);
    expect((await owner.get(`/api/v1/exercises/${outside.id}`)).statusCode).toBe(404);
    expect((await owner.get(`/api/v1/exercises/${tenantWide.id}`)).statusCode).toBe(404);
    expect((await owner.patch(`/api/v1/exercises/${outside.id}`, { title: 'x' }, v(1))).statusCode).toBe(404);
    // out of reach is 404 before the body is read
    expect((await owner.patch(`/api/v1/exercises/${outside.id}`, { heldOn: 'x' }, v(1))).statusCode).toBe(404);
    expect((await owner.post(`/api/v1/exercises/${outside.id}/measures`, { dueOn: 'x' })).statusCode).toBe(404);
    expect((await owner.patch(`/api/v1/exercises/${inUnit.id}`, { outcome: 'Bra' }, v(1))).statusCode).toBe(200);
    // adding a system out of reach reads as unknown; one with no system left in reach is refused
    expect((await owner.patch(`/api/v1/exercises/${inUnit.id}`, { systemIds: [mine, far] }, v(2))).statusCode).toBe(422);
    expect((await exercise(owner, { systemIds: [] })).statusCode).toBe(403);
    expect((await other.admin.get(`/api/v1/exercises/${inUnit.id}`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/v1/exercises/${inUnit.id}/measures`, { title: 'x' })).statusCode).toBe(404);
  });
});
