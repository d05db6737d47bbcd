import { recordBase, viewOf, type Actor, type ObjectScope } from '../../platform/access.js';
import { isMasked } from '../../platform/secrecy.js';
import type { DocumentRow } from './continuity-documents.repository.js';
import { missingScenarios } from './continuity.rules.js';
import type { DocumentOut, ScenariosOut } from './continuity.schemas.js';

// A system's document sits where the system sits; a supplier's routine with the supplier (D0-26), so
// the supplier's own people reach it and nobody else's.
export const documentScope = (r: {
  systemId: string | null;
  systemUnitId: string | null;
  supplierId: string | null;
  secret: boolean;
}): ObjectScope =>
  r.systemId ? { unitId: r.systemUnitId, systemIds: [r.systemId], secret: r.secret } : { supplierId: r.supplierId, secret: r.secret };

const answer = (v: unknown) => (typeof v === 'boolean' ? v : null);

export function presentDocument(actor: Actor, r: DocumentRow): DocumentOut {
  const scope = documentScope(r);
  const masked = isMasked(actor, 'continuity', scope);
  const shown = <T>(v: T): T | null => (masked ? null : v);
  const sc = (r.scenarios ?? {}) as Record<string, unknown>;
  const scenarios: ScenariosOut = {
    powerOutage: answer(sc.powerOutage),
    mobileNetwork: answer(sc.mobileNetwork),
    network: answer(sc.network),
    plannedDowntime: answer(sc.plannedDowntime),
    unplannedDowntime: answer(sc.unplannedDowntime),
  };
  const systemShown =
    r.systemId && viewOf(actor, 'system', { unitId: r.systemUnitId, systemIds: [r.systemId], secret: r.systemSecret ?? false }) === 'full';
  return {
    ...recordBase(actor, 'continuity', r, scope),
    secret: r.secret,
    secrecyProvision: r.secrecyProvision,
    masked,
    kind: r.kind as DocumentOut['kind'],
    systemId: r.systemId,
    system: r.systemId ? { id: r.systemId, name: systemShown ? r.systemName : null } : null,
    supplierId: r.supplierId,
    supplier: r.supplierId ? { id: r.supplierId, name: r.supplierName } : null,
    title: shown(r.title),
    content: shown(r.content),
    link: shown(r.link),
    documentedOn: r.documentedOn,
    implementedOn: r.implementedOn,
    reviewOn: r.reviewOn,
    reviewOverdue: r.reviewOverdue,
    scenarios,
    missingScenarios: r.kind === 'supplier_reserve_routine' ? missingScenarios([sc]) : [],
    involvedSuppliers: masked ? [] : r.involvedSuppliers,
  };
}
