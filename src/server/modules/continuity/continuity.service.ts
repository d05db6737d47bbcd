import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, viewOf, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { notFound, Problem } from '../../platform/problems.js';
import { unreachableSuppliers, unreachableSystems } from '../../platform/references.js';
import { auditSecretReads } from '../../platform/secrecy.js';
import * as repo from './continuity.repository.js';
import { exerciseDue, gapsOf, missingScenarios, systemContinuityScope } from './continuity.rules.js';
import type { OverviewOut, SystemContinuityIn, SystemContinuityOut } from './continuity.schemas.js';

type FieldErr = { field: string; code: string; sv: string; en: string };

const required = (field: string): FieldErr => ({
  field,
  code: 'required',
  sv: 'Ange vem som beslutade den accepterade avbrottstiden och när.',
  en: 'State who decided the accepted outage time and when.',
});

// Every dependency names another system or a supplier of the tenant that the actor may read; an id
// out of reach gets the same answer as one that does not exist.
async function referenceErrors(tx: Tx, actor: Actor, systemId: string, input: SystemContinuityIn, had: repo.ContinuityRow | null) {
  const errs: FieldErr[] = [];
  const systemIds = [...new Set(input.dependencySystemIds)];
  if (systemIds.includes(systemId))
    errs.push({
      field: 'dependencySystemIds',
      code: 'self_reference',
      sv: 'Ett system kan inte vara beroende av sig självt.',
      en: 'A system cannot depend on itself.',
    });
  const added = systemIds.filter((id) => id !== systemId && !(had?.dependencySystemIds ?? []).includes(id));
  if ((await unreachableSystems(tx, actor, added)).length)
    errs.push({
      field: 'dependencySystemIds',
      code: 'unknown_reference',
      sv: 'Ett av systemen finns inte.',
      en: 'One of the systems does not exist.',
    });
  const suppliers = input.dependencySupplierIds.filter((id) => !(had?.dependencySupplierIds ?? []).includes(id));
  if ((await unreachableSuppliers(tx, actor, suppliers)).length)
    errs.push({
      field: 'dependencySupplierIds',
      code: 'unknown_reference',
      sv: 'En av leverantörerna finns inte.',
      en: 'One of the suppliers does not exist.',
    });
  return errs;
}

export function createContinuityService(db: Db) {
  // The system and how this actor sees its continuity; null when out of reach (404).
  async function reach(tx: Tx, actor: Actor, systemId: string) {
    const [system] = await repo.systemsByIds(tx, actor.tenantId, [systemId]);
    if (!system) return null;
    const scope = systemContinuityScope(system);
    const view = viewOf(actor, 'continuity', scope);
    return view ? { system, scope, view } : null;
  }

  async function load(tx: Tx, actor: Actor, systemId: string): Promise<SystemContinuityOut | null> {
    const found = await reach(tx, actor, systemId);
    if (!found) return null;
    const { system, scope, view } = found;
    const masked = view !== 'full';
    const row = await repo.findContinuity(tx, actor.tenantId, systemId);
    const today = stockholmToday();
    const [status] = await repo.criticalStatus(tx, actor.tenantId, today, [systemId]);
    const due = exerciseDue(status?.lastExerciseOn ?? null, today);
    const depSystems = masked ? [] : await repo.systemsByIds(tx, actor.tenantId, row?.dependencySystemIds ?? []);
    const depSuppliers = masked ? [] : await repo.suppliersByIds(tx, actor.tenantId, row?.dependencySupplierIds ?? []);
    const systemName = (s: repo.SystemRef) =>
      viewOf(actor, 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }) === 'full' ? s.name : null;
    const shown = <T>(v: T): T | null => (masked ? null : v);
    return {
      systemId,
      system: { id: system.id, name: masked ? null : system.name, critical: system.critical },
      version: row?.version ?? 0,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      secret: system.secret,
      masked,
      allowedActions: can(actor, 'update', 'continuity', scope) && !system.archived ? ['read', 'update'] : ['read'],
      acceptedOutageMinutes: shown(row?.acceptedOutageMinutes ?? null),
      outageDecidedBy: shown(row?.outageDecidedBy ?? null),
      outageDecidedOn: shown(row?.outageDecidedOn ?? null),
      outageDnr: shown(row?.outageDnr ?? null),
      vitalActivity: shown(row?.vitalActivity ?? null),
      emergencyProcedure: shown(row?.emergencyProcedure ?? null),
      dependencySystems: (row?.dependencySystemIds ?? [])
        .map((id) => depSystems.find((s) => s.id === id))
        .filter((s): s is repo.SystemRef => !!s)
        .map((s) => ({ id: s.id, name: systemName(s) })),
      dependencySuppliers: (row?.dependencySupplierIds ?? [])
        .map((id) => depSuppliers.find((s) => s.id === id))
        .filter((s): s is { id: string; name: string } => !!s),
      lastExerciseOn: status?.lastExerciseOn ?? null,
      ...due,
      restoreRank: status?.restoreRank ?? null,
    };
  }

  // The trail keeps the content (hashed when the system is secret-marked), not the viewer's reach.
  const auditShape = (o: SystemContinuityOut) => ({
    secret: o.secret,
    acceptedOutageMinutes: o.acceptedOutageMinutes,
    outageDecidedBy: o.outageDecidedBy,
    outageDecidedOn: o.outageDecidedOn,
    outageDnr: o.outageDnr,
    vitalActivity: o.vitalActivity,
    emergencyProcedure: o.emergencyProcedure,
    dependencySystemIds: o.dependencySystems.map((s) => s.id),
    dependencySupplierIds: o.dependencySuppliers.map((s) => s.id),
  });

  return {
    // The route's reach before its body is validated: a system out of reach is 404 whatever was sent.
    async assertReach({ actor }: RequestContext, systemId: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => reach(tx, actor, systemId)))) throw notFound();
    },

    async get(ctx: RequestContext, systemId: string): Promise<SystemContinuityOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'continuity');
      const out = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, systemId);
        if (found) await auditSecretReads(tx, ctx, 'continuity', [{ id: systemId, ...(await reach(tx, actor, systemId))!.scope }]);
        return found;
      });
      if (!out) throw notFound();
      return out;
    },

    async put(ctx: RequestContext, systemId: string, expectedVersion: number, input: SystemContinuityIn): Promise<SystemContinuityOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'continuity');
      return withTenant(db, actor.tenantId, async (tx) => {
        const found = await reach(tx, actor, systemId);
        if (!found) throw notFound();
        assertCan(actor, 'update', 'continuity', found.scope);
        if (found.system.archived)
          throw new Problem('conflict', {
            sv: 'Systemet är arkiverat. Återställ det först.',
            en: 'The system is archived. Restore it first.',
          });
        const row = await repo.findContinuity(tx, actor.tenantId, systemId, true);
        if ((row?.version ?? 0) !== expectedVersion) throw new Problem('precondition-failed');
        const errs: FieldErr[] = [];
        // D1-26: an accepted outage time counts only as a decision: who decided it and when
        if (input.acceptedOutageMinutes != null) {
          if (!input.outageDecidedBy) errs.push(required('outageDecidedBy'));
          if (!input.outageDecidedOn) errs.push(required('outageDecidedOn'));
        }
        errs.push(...(await referenceErrors(tx, actor, systemId, input, row)));
        if (errs.length) throw new Problem('validation', undefined, errs);
        const before = (await load(tx, actor, systemId))!;
        await repo.saveContinuity(tx, actor.tenantId, systemId, actor.userId, {
          acceptedOutageMinutes: input.acceptedOutageMinutes ?? null,
          outageDecidedBy: input.outageDecidedBy ?? null,
          outageDecidedOn: input.outageDecidedOn ?? null,
          outageDnr: input.outageDnr ?? null,
          vitalActivity: input.vitalActivity ?? null,
          emergencyProcedure: input.emergencyProcedure ?? null,
          dependencySystemIds: [...new Set(input.dependencySystemIds)],
          dependencySupplierIds: [...new Set(input.dependencySupplierIds)],
        });
        const after = (await load(tx, actor, systemId))!;
        await recordAudit(tx, ctx, {
          action: 'continuity.update',
          entityType: 'continuity',
          entityId: systemId,
          before: auditShape(before),
          after: auditShape(after),
        });
        return after;
      });
    },

    // D1-25 gap report over the critical systems the actor may read, with D1-26, D1-27, D1-42, D1-54
    // and the suppliers' reserve routines (D0-26).
    async overview(ctx: RequestContext): Promise<OverviewOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'continuity');
      const today = stockholmToday();
      return withTenant(db, actor.tenantId, async (tx) => {
        const rows = (await repo.criticalStatus(tx, actor.tenantId, today))
          .map((s) => ({ s, scope: systemContinuityScope(s) }))
          .map((x) => ({ ...x, view: viewOf(actor, 'continuity', x.scope) }))
          .filter((x) => x.view !== null);
        await auditSecretReads(
          tx,
          ctx,
          'continuity',
          rows.map((x) => ({ id: x.s.id, ...x.scope })),
        );
        const suppliers = (await repo.supplierRoutines(tx, actor.tenantId)).filter((sp) =>
          can(actor, 'read', 'continuity', { supplierId: sp.id }),
        );
        const lastIncidentExercise = await repo.lastExerciseOfKind(tx, actor.tenantId, 'incident_handling', today);
        const decided = can(actor, 'read', 'restore-priority') ? await repo.decidedPriority(tx, actor.tenantId) : null;
        return {
          today,
          systems: rows.map(({ s, view }) => {
            const due = exerciseDue(s.lastExerciseOn, today);
            const masked = view !== 'full';
            return {
              id: s.id,
              name: masked ? null : s.name,
              unit: { id: s.unitId, name: s.unitName },
              acceptedOutageMinutes: masked ? null : s.acceptedOutageMinutes,
              outageDecided: s.outageDecided,
              planDocumented: s.planDocumented,
              planImplemented: s.planImplemented,
              restorePlan: s.restorePlan,
              reviewOverdue: s.reviewOverdue,
              lastExerciseOn: s.lastExerciseOn,
              ...due,
              restoreRank: s.restoreRank,
              gaps: gapsOf(s, due.exerciseOverdue),
            };
          }),
          suppliers: suppliers.map((sp) => {
            const missing = missingScenarios(sp.covered);
            return {
              id: sp.id,
              name: sp.name,
              routines: sp.routines,
              missingScenarios: missing,
              gap: sp.routines === 0 || missing.length > 0,
            };
          }),
          incidentHandling: { lastExerciseOn: lastIncidentExercise, overdue: exerciseDue(lastIncidentExercise, today).exerciseOverdue },
          restorePriority: decided,
        };
      });
    },
  };
}

export type ContinuityService = ReturnType<typeof createContinuityService>;
