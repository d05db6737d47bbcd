import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { stockholmToday } from '../../platform/calendar.js';
import { notify } from '../../platform/notify/notify.js';
import type { ClaimedJob, JobContext, JobHandlers } from '../../platform/scheduler/jobs.js';
import { criticalStatus } from '../continuity/continuity.repository.js';
import { exerciseDue } from '../continuity/continuity.rules.js';

export const exerciseOverdueCheck = 'exercise-overdue-check';

// Who is reminded of a critical system's missing exercise: the tenant's coordinators and the system
// owners whose grant covers the system (tenant-wide, its unit or a unit above it, or the system itself).
async function recipients(tx: Tx, tenantId: string, system: { id: string; unitId: string }): Promise<string[]> {
  const rows = await queryRows<{ userId: string }>(
    tx,
    sql`with recursive up(id, parent_id) as (
        select id, parent_id from org_units where tenant_id = ${tenantId} and id = ${system.unitId}
        union
        select o.id, o.parent_id from org_units o join up on o.id = up.parent_id where o.tenant_id = ${tenantId}
      )
      select distinct ra.user_id as "userId" from role_assignments ra join users u on u.id = ra.user_id and u.disabled_at is null
      where ra.tenant_id = ${tenantId} and (
        (ra.role = 'coordinator' and ra.scope_type = 'tenant')
        or (ra.role = 'system_owner' and (
          ra.scope_type = 'tenant'
          or (ra.scope_type = 'systems' and ${system.id}::uuid = any(ra.scope_system_ids))
          or (ra.scope_type = 'unit' and ra.scope_unit_id in (select id from up)))))`,
  );
  return rows.map((r) => r.userId);
}

// D1-42: every critical system is exercised at least every 12 months. Once a day each tenant's
// critical systems are checked; those past due are reminded of once per system and month (the
// notification key), so the people responsible hear of it monthly until an exercise is recorded.
async function checkOverdueExercises(tx: Tx, job: ClaimedJob, ctx: JobContext): Promise<void> {
  const today = stockholmToday(ctx.now);
  const month = today.slice(0, 7);
  for (const s of await criticalStatus(tx, job.tenantId, today)) {
    if (!exerciseDue(s.lastExerciseOn, today).exerciseOverdue) continue;
    const userIds = await recipients(tx, job.tenantId, s);
    await notify(
      tx,
      {
        tenantId: job.tenantId,
        userIds,
        kind: 'exercise-due',
        key: `exercise-overdue:${s.id}:${month}`,
        subjectType: 'system-continuity',
        subjectId: s.id,
        title: s.name,
        secret: s.secret,
        link: `/systems/${s.id}`,
        mail: {
          subject: { sv: 'Ett kritiskt IT-system behöver övas', en: 'A critical IT system needs an exercise' },
          intro: {
            sv: 'Ett kritiskt IT-system har inte övats de senaste 12 månaderna. Kontinuiteten ska övas minst en gång per år.',
            en: 'A critical IT system has not been exercised in the last 12 months. Continuity must be exercised at least once a year.',
          },
        },
      },
      { publicUrl: ctx.publicUrl },
    );
  }
}

export const exerciseJobs: JobHandlers = { [exerciseOverdueCheck]: checkOverdueExercises };
export const exerciseDailyKinds = [exerciseOverdueCheck];
