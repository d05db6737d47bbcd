import { can, viewOf, type Actor, type ObjectScope } from '../../platform/access.js';
import type { Role } from '../../../shared/enums.js';
import {
  accessOrderSteps,
  approverRoles,
  calendarDaysBetween,
  executorRoles,
  missingGates,
  nextStatus,
  requiredLeadDays,
  stockholmDay,
  type AccessOrderStatus,
  type AccessOrderStep,
  type AccessOrderType,
  type LeadTimeSettings,
} from '../../../shared/access-orders.js';
import type { AccessOrderRow } from './access-orders.repository.js';
import type { AccessOrderOut } from './access-orders.schemas.js';

// The object scope of an order (interfaces.md): its system, its unit (the system's by default), its supplier.
export const orderScope = (r: Pick<AccessOrderRow, 'systemId' | 'unitId' | 'systemUnitId' | 'supplierId'>): ObjectScope => ({
  systemIds: [r.systemId],
  unitId: r.unitId ?? r.systemUnitId,
  supplierId: r.supplierId,
});

// The actor as far as these roles carry it: who approves (the system's owner or administrator) and
// who executes (IT and the coordinator) is the policy table's 'update' on the order through those roles.
export const withRoles = (actor: Actor, roles: readonly Role[]): Actor => ({
  ...actor,
  grants: actor.grants.filter((g) => roles.includes(g.role)),
});

export const mayApprove = (actor: Actor, r: AccessOrderRow) =>
  can(withRoles(actor, approverRoles), 'update', 'access-order', orderScope(r));
export const mayExecute = (actor: Actor, r: AccessOrderRow) =>
  can(withRoles(actor, executorRoles), 'update', 'access-order', orderScope(r));

export function mayTake(actor: Actor, r: AccessOrderRow, step: AccessOrderStep): boolean {
  if (!nextStatus(r.status as AccessOrderStatus, step, r.type as AccessOrderType)) return false;
  if (step === 'approve' || step === 'reject') return mayApprove(actor, r);
  if (step === 'execute') return mayExecute(actor, r);
  return can(actor, 'update', 'access-order', orderScope(r));
}

export const isOpen = (r: Pick<AccessOrderRow, 'status'>) => r.status === 'submitted' || r.status === 'approved';

export const gatesOf = (r: AccessOrderRow) =>
  missingGates(
    { type: r.type as AccessOrderType, supplierId: r.supplierId },
    {
      trainingDoneOn: r.trainingDoneOn,
      secrecyReminderSignedOn: r.secrecyReminderSignedOn,
      informedOfRegistrationOn: r.informedOfRegistrationOn,
    },
  );

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentOrder(actor: Actor, r: AccessOrderRow, settings: LeadTimeSettings): AccessOrderOut {
  const scope = orderScope(r);
  // a supplier's user sees the name of a system its own order names, unless the system is secret-marked
  const ownSupplier = !!r.supplierId && actor.grants.some((g) => g.scope.type === 'supplier' && g.scope.supplierId === r.supplierId);
  const systemVisible =
    viewOf(actor, 'system', { unitId: r.systemUnitId, systemIds: [r.systemId], secret: r.systemSecret }) === 'full' ||
    (ownSupplier && !r.systemSecret);
  const type = r.type as AccessOrderType;
  return {
    id: r.id,
    version: r.version,
    number: r.number,
    type,
    status: r.status as AccessOrderStatus,
    priority: r.priority as 'normal' | 'high',
    system: { id: r.systemId, name: systemVisible ? r.systemName : null },
    supplier: r.supplierId ? { id: r.supplierId, name: r.supplierName ?? '' } : null,
    unitId: r.unitId,
    personName: r.personName,
    personEmail: r.personEmail,
    personnummerMasked: r.personnummerMasked,
    canRevealPersonnummer: r.hasPersonnummer && mayExecute(actor, r),
    permissions: r.permissions,
    justification: r.justification,
    startDate: r.startDate,
    submittedAt: r.submittedAt.toISOString(),
    submittedBy: person(r.submittedBy, r.submittedByName),
    orderer: person(r.ordererId, r.ordererName),
    late: r.late,
    lateReason: r.lateReason,
    leadTime: { requiredDays: requiredLeadDays(type, settings), daysAhead: calendarDaysBetween(stockholmDay(r.submittedAt), r.startDate) },
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: person(r.decidedBy, r.decidedByName),
    decisionNote: r.decisionNote,
    executedAt: r.executedAt?.toISOString() ?? null,
    executedBy: person(r.executedBy, r.executedByName),
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
    gates: {
      trainingDoneOn: r.trainingDoneOn,
      secrecyReminderSignedOn: r.secrecyReminderSignedOn,
      informedOfRegistrationOn: r.informedOfRegistrationOn,
      missing: gatesOf(r),
    },
    steps: accessOrderSteps.filter((s) => mayTake(actor, r, s)),
    allowedActions: isOpen(r) && can(actor, 'update', 'access-order', scope) ? ['read', 'update'] : ['read'],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
