import type { Tx } from '../../db/client.js';
import { obligationCodes } from '../../../shared/enums.js';
import {
  computeDueAt,
  computeOrder,
  effectiveRegime,
  reminderStages,
  stockholmStamp,
  type BaseObligation,
} from '../../../shared/incident-clocks.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { cancelJobs, scheduleJob } from '../../platform/scheduler/jobs.js';
import { incidentSettingsOf } from '../incident-settings/routing.js';
import { isOpen, maskObligation, presentObligation, type Lang } from './incident-obligations.presenter.js';
import * as repo from './incident-obligations.repository.js';
import type { ObligationRow, RegimeRow } from './incident-obligations.repository.js';
import type { ObligationView } from './incident-obligations.schemas.js';

export { maskObligation };
export type { ObligationView };

// The scheduled-job kind of every obligation reminder (handler in incident-obligations.jobs.ts).
export const OBLIGATION_REMINDER = 'incident-obligation-reminder';
export const reminderKeyPrefix = (obligationId: string) => `obligation:${obligationId}:`;

// An overdue reminder for a clock that ran out long before anyone recorded the incident (a report
// entered afterwards) would only be noise: the panel shows it as overdue.
const OVERDUE_REMINDER_WINDOW_MS = 7 * 24 * 3_600_000;

// Replaces the pending reminders of one clock: at each of the tenant's percents of the time between
// awareness and the due time that is still ahead, and once after the due time. A stage already sent
// is not sent again (scheduleJob keeps done jobs done); a closed clock gets none.
export async function scheduleReminders(
  tx: Tx,
  tenantId: string,
  o: Pick<ObligationRow, 'id' | 'applies' | 'submittedAt' | 'dueAt'>,
  awareAt: Date,
  percents: readonly number[],
  now = new Date(),
): Promise<void> {
  await cancelJobs(tx, tenantId, reminderKeyPrefix(o.id));
  if (!isOpen(o)) return;
  for (const s of reminderStages(awareAt, o.dueAt, percents)) {
    let at = s.at;
    if (s.stage === 'overdue') {
      if (o.dueAt.getTime() < now.getTime() - OVERDUE_REMINDER_WINDOW_MS) continue;
      if (at.getTime() < now.getTime()) at = now;
    } else if (at.getTime() <= now.getTime()) continue; // a later stage covers it
    await scheduleJob(tx, {
      tenantId,
      kind: OBLIGATION_REMINDER,
      key: `${reminderKeyPrefix(o.id)}${s.stage}`,
      dueAt: at,
      payload: { obligationId: o.id, stage: s.stage },
    });
  }
}

interface Clock {
  code: string;
  regime: RegimeRow;
  dueAt: Date;
}

// Every code's regime version and due time for an awareness time. `keep` holds the regime each code
// already uses (so a later tenant version does not slip in when only a submission changed) and what was
// submitted (the base of a months-after clock).
function computeClocks(
  versions: readonly RegimeRow[],
  awareAt: Date,
  existing: ReadonlyMap<string, { regime?: RegimeRow; submittedAt: Date | null }> = new Map(),
): Clock[] {
  const chosen = obligationCodes.flatMap((code) => {
    const regime = existing.get(code)?.regime ?? effectiveRegime(versions, code, awareAt);
    return regime ? [{ code, regime, deadline: regime.deadline }] : [];
  });
  const done = new Map<string, BaseObligation>();
  const out: Clock[] = [];
  for (const c of computeOrder(chosen)) {
    const base = c.deadline.kind === 'months-after' ? done.get(c.deadline.after) : undefined;
    const dueAt = computeDueAt(c.deadline, awareAt, base);
    done.set(c.code, { dueAt, submittedAt: existing.get(c.code)?.submittedAt ?? null });
    out.push({ code: c.code, regime: c.regime, dueAt });
  }
  return out;
}

// One clock per regime code when an incident is reported (all 'unassessed': someone decides which
// apply), with the regime version in force at the awareness time, and their reminders.
export async function createObligations(tx: Tx, ctx: RequestContext, incident: { id: string; awareAt: Date }): Promise<void> {
  const tenantId = ctx.actor.tenantId;
  const clocks = computeClocks(await repo.regimeVersions(tx, tenantId), incident.awareAt);
  const rows = await repo.insertObligations(
    tx,
    clocks.map((c) => ({
      tenantId,
      incidentId: incident.id,
      code: c.code,
      regimeId: c.regime.id,
      dueAt: c.dueAt,
      updatedBy: ctx.actor.userId || null,
    })),
  );
  const { reminderPercents } = await incidentSettingsOf(tx, tenantId);
  for (const row of rows) await scheduleReminders(tx, tenantId, row, incident.awareAt, reminderPercents);
  if (rows.length)
    await recordAudit(tx, ctx, {
      action: 'incident.obligations-create',
      entityType: 'incident',
      entityId: incident.id,
      after: { clocks: Object.fromEntries(rows.map((r) => [r.code, r.dueAt.toISOString()])) },
    });
}

type ClockChange = { code: string; before: { dueAt: string; regimeVersion: number }; after: { dueAt: string; regimeVersion: number } };

// Recomputes the clocks of an incident's existing rows and writes what moved. `reresolve` picks the
// regime version again (the awareness time moved); otherwise each row keeps its version.
export async function recalculate(
  tx: Tx,
  ctx: RequestContext,
  incidentId: string,
  awareAt: Date,
  opts: { reresolve: boolean; rescheduleAll: boolean },
): Promise<ClockChange[]> {
  const tenantId = ctx.actor.tenantId;
  const rows = await repo.obligationsOfIncident(tx, tenantId, incidentId);
  const versions = await repo.regimeVersions(tx, tenantId);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const existing = new Map(
    rows.map((r) => [r.code, { regime: opts.reresolve ? undefined : byId.get(r.regimeId), submittedAt: r.submittedAt }]),
  );
  const clocks = new Map(computeClocks(versions, awareAt, existing).map((c) => [c.code, c]));
  const { reminderPercents } = await incidentSettingsOf(tx, tenantId);
  const changes: ClockChange[] = [];
  for (const row of rows) {
    const clock = clocks.get(row.code);
    if (!clock) continue;
    const moved = clock.dueAt.getTime() !== row.dueAt.getTime() || clock.regime.id !== row.regimeId;
    let current = row;
    if (moved) {
      current = await repo.updateObligation(tx, tenantId, row.id, {
        dueAt: clock.dueAt,
        regimeId: clock.regime.id,
        updatedBy: ctx.actor.userId || null,
      });
      changes.push({
        code: row.code,
        before: { dueAt: row.dueAt.toISOString(), regimeVersion: byId.get(row.regimeId)?.version ?? 0 },
        after: { dueAt: clock.dueAt.toISOString(), regimeVersion: clock.regime.version },
      });
    }
    if (moved || opts.rescheduleAll) await scheduleReminders(tx, tenantId, current, awareAt, reminderPercents);
  }
  return changes;
}

const perCode = (changes: ClockChange[], side: 'before' | 'after') => Object.fromEntries(changes.map((c) => [c.code, c[side]]));

// A changed awareness time moves every clock (audited with before and after per code, noted on the
// incident's timeline) and their reminders.
export async function recomputeObligations(
  tx: Tx,
  ctx: RequestContext,
  incident: { id: string; awareAt: Date },
  previousAwareAt: Date,
): Promise<void> {
  if (incident.awareAt.getTime() === previousAwareAt.getTime()) return;
  const changes = await recalculate(tx, ctx, incident.id, incident.awareAt, { reresolve: true, rescheduleAll: true });
  await recordAudit(tx, ctx, {
    action: 'incident.obligations-recompute',
    entityType: 'incident',
    entityId: incident.id,
    before: { awareAt: previousAwareAt.toISOString(), clocks: perCode(changes, 'before') },
    after: { awareAt: incident.awareAt.toISOString(), clocks: perCode(changes, 'after') },
  });
  await repo.addSystemEntry(
    tx,
    ctx.actor.tenantId,
    incident.id,
    `Tidpunkten då kommunen fick kännedom om incidenten ändrades från ${stockholmStamp(previousAwareAt)} till ${stockholmStamp(
      incident.awareAt,
    )}. Tidsfristerna för rapportering räknades om.`,
    ctx.actor.userId || null,
  );
}

// The incident's clocks for its detail view, in the contract's code order.
export async function obligationsOf(tx: Tx, tenantId: string, incidentId: string, lang: 'sv' | 'en'): Promise<ObligationView[]> {
  const rows = await repo.obligationsOfIncident(tx, tenantId, incidentId);
  const regimes = await repo.regimesByIds(
    tx,
    rows.map((r) => r.regimeId),
  );
  const order = (code: string) => (obligationCodes as readonly string[]).indexOf(code);
  return rows.sort((a, b) => order(a.code) - order(b.code)).map((r) => presentObligation(r, regimes.get(r.regimeId)!, lang as Lang));
}
