import { recordBase, type Actor } from '../../platform/access.js';
import { presentProfile } from './suppliers.profile.js';
import { supplierScope } from './suppliers.policy.js';
import type { SupplierRow } from './suppliers.repository.js';
import type { SupplierOut, SupplierWarning } from './suppliers.schemas.js';

// D0-11: the source names no interval; half a year is the interpretation (docs/traceability.md).
export const ORDERERS_CONFIRMATION_DAYS = 180;
// D3-29: a care provider keeps at least two active super users.
export const MIN_SUPER_USERS = 2;

const DAY = 86_400_000;

export interface SupplierFacts {
  activeSuperUsers: number;
}

export function presentSupplier(actor: Actor, r: SupplierRow, facts: SupplierFacts, now = new Date()): SupplierOut {
  const profile = presentProfile(r.profile);
  const dueOn = r.orderersConfirmedAt ? new Date(r.orderersConfirmedAt.getTime() + ORDERERS_CONFIRMATION_DAYS * DAY) : null;
  const warnings: SupplierWarning[] = [];
  if (r.archivedAt === null) {
    if (r.type === 'care_provider' && facts.activeSuperUsers < MIN_SUPER_USERS) warnings.push('too-few-super-users');
    if (!profile.supportContact) warnings.push('no-support-contact');
    if (!dueOn || dueOn.getTime() < now.getTime()) warnings.push('orderers-unconfirmed');
    if (profile.messaging.some((m) => !m.endToEnd && !m.justification)) warnings.push('unencrypted-messaging');
  }
  return {
    ...recordBase(actor, 'supplier', r, supplierScope(r.id)),
    name: r.name,
    organisationNumber: r.organisationNumber,
    type: r.type as SupplierOut['type'],
    profile,
    profileChangedAt: r.profileChangedAt?.toISOString() ?? null,
    orderersConfirmedAt: r.orderersConfirmedAt?.toISOString() ?? null,
    orderersConfirmationDueOn: dueOn ? dueOn.toISOString().slice(0, 10) : null,
    activeSuperUsers: facts.activeSuperUsers,
    warnings,
  };
}
