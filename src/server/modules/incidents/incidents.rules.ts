import type { Tx } from '../../db/client.js';
import { can, type Actor } from '../../platform/access.js';
import { Problem } from '../../platform/problems.js';
import { unreachableSuppliers, unreachableSystems } from '../../platform/references.js';
import { isActiveMember } from '../measures/measures.repository.js';
import * as repo from './incidents.repository.js';
import type { IncidentPatch } from './incidents.schemas.js';

export type FieldErr = { field: string; code: string; sv: string; en: string };

export function throwIf(errs: FieldErr[]) {
  if (errs.length) throw new Problem('validation', undefined, errs);
}

// D1-53 (with D1-65): an incident is closed only when its documentation is written: what happened, its
// consequences, the conclusions drawn and how a recurrence is prevented, and how severe it was.
const closingFields = [
  ['severity', 'allvarlighetsgrad', 'the severity'],
  ['description', 'beskrivning av händelsen', 'a description of what happened'],
  ['consequences', 'konsekvenser', 'the consequences'],
  ['conclusions', 'slutsatser', 'the conclusions'],
  ['prevention', 'hur liknande incidenter förebyggs', 'how similar incidents are prevented'],
] as const;

type Documented = Record<(typeof closingFields)[number][0], string | null>;

export function closingErrors(state: Documented): FieldErr[] {
  return closingFields
    .filter(([k]) => !state[k] || !String(state[k]).trim())
    .map(([field, sv, en]) => ({
      field,
      code: 'required_to_close',
      sv: `Fyll i ${sv} innan incidenten stängs. Varje incident ska dokumenteras.`,
      en: `Fill in ${en} before closing the incident. Every incident must be documented.`,
    }));
}

type Times = { occurredAt: Date | null; awareAt: Date; outageStartedAt: Date | null; outageEndedAt: Date | null };

// Times that cannot be true together: noticed before it happened, an outage that ends before it begins.
export function timeErrors(t: Times): FieldErr[] {
  const errs: FieldErr[] = [];
  if (t.occurredAt && t.occurredAt > t.awareAt)
    errs.push({
      field: 'occurredAt',
      code: 'after_aware',
      sv: 'Händelsen kan inte ha inträffat efter att den upptäcktes. Kontrollera tidpunkterna.',
      en: 'The incident cannot have occurred after it became known. Check the times.',
    });
  if (t.outageStartedAt && t.outageEndedAt && t.outageEndedAt < t.outageStartedAt)
    errs.push({
      field: 'outageEndedAt',
      code: 'before_start',
      sv: 'Avbrottet kan inte sluta innan det började.',
      en: 'The outage cannot end before it began.',
    });
  return errs;
}

// Every id a report or triage adds must name a record of the tenant the actor may read (the arrays
// carry no foreign keys). An id out of reach answers like one that does not exist; ids already on the
// incident stay (whoever linked them had the reach).
export async function referenceErrors(
  tx: Tx,
  actor: Actor,
  v: Pick<IncidentPatch, 'systemIds' | 'assetIds' | 'unitIds' | 'supplierIds' | 'categoryId' | 'handlerUserId' | 'handlingUnitId'>,
  had?: {
    systemIds: string[];
    assetIds: string[];
    unitIds: string[];
    supplierIds: string[];
    categoryId: string | null;
    handlerUserId: string | null;
    handlingUnitId: string | null;
  },
): Promise<FieldErr[]> {
  const t = actor.tenantId;
  const errs: FieldErr[] = [];
  const refuse = (field: string, sv: string, en: string) => errs.push({ field, code: 'unknown_reference', sv, en });
  const added = (ids: readonly string[] | undefined, old: readonly string[] = []) =>
    [...new Set(ids ?? [])].filter((id) => !old.includes(id));

  if ((await unreachableSystems(tx, actor, added(v.systemIds, had?.systemIds))).length)
    refuse('systemIds', 'Ett av de valda IT-systemen finns inte.', 'One of the chosen IT systems does not exist.');
  const assets = added(v.assetIds, had?.assetIds);
  const found = await repo.assetsByIds(tx, t, assets);
  if (
    found.length !== assets.length ||
    !found.every((a) => can(actor, 'read', 'information-asset', { unitId: a.unitId, systemIds: a.systemIds, secret: a.secret }))
  )
    refuse('assetIds', 'En av de valda informationsmängderna finns inte.', 'One of the chosen information assets does not exist.');
  const units = added(v.unitIds, had?.unitIds);
  if ((await repo.namesByIds(tx, t, 'org_units', units)).length !== units.length)
    refuse('unitIds', 'En av de valda enheterna finns inte.', 'One of the chosen units does not exist.');
  if ((await unreachableSuppliers(tx, actor, added(v.supplierIds, had?.supplierIds))).length)
    refuse('supplierIds', 'En av de valda leverantörerna finns inte.', 'One of the chosen suppliers does not exist.');
  if (v.categoryId && v.categoryId !== had?.categoryId) {
    const c = await repo.categoryOf(tx, t, v.categoryId);
    if (!c || c.archived) refuse('categoryId', 'Kategorin finns inte.', 'The category does not exist.');
  }
  if (v.handlingUnitId && v.handlingUnitId !== had?.handlingUnitId) {
    if ((await repo.namesByIds(tx, t, 'org_units', [v.handlingUnitId])).length === 0)
      refuse('handlingUnitId', 'Enheten finns inte.', 'The unit does not exist.');
  }
  if (v.handlerUserId && v.handlerUserId !== had?.handlerUserId && !(await isActiveMember(tx, t, v.handlerUserId)))
    errs.push({
      field: 'handlerUserId',
      code: 'unknown_user',
      sv: 'Personen finns inte i kommunen.',
      en: 'The person is not a member of the municipality.',
    });
  return errs;
}
