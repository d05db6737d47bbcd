import { can, viewOf, type Actor } from '../../platform/access.js';
import type { StoredFileRow } from '../../platform/files/repository.js';
import { measureScope } from '../measures/measures.presenter.js';
import { municipalCan, supplierCan } from './supplier-follow-ups.access.js';
import type { FollowUpRow, ItemRow, measuresByIds } from './supplier-follow-ups.repository.js';
import type { FollowUpOut, FollowUpSummary, ItemOut } from './supplier-follow-ups.schemas.js';

type MeasureRef = Awaited<ReturnType<typeof measuresByIds>>[number];
const closedMeasure = (status: string) => status === 'done' || status === 'cancelled';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function counts(items: readonly ItemRow[], measures: readonly MeasureRef[]) {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const deficient = items.filter((i) => i.assessment === 'deficient');
  return {
    items: items.length,
    answered: items.filter((i) => i.answer !== null).length,
    assessed: items.filter((i) => i.assessment !== null).length,
    deficient: deficient.length,
    openDeficiencies: deficient.filter((i) => !i.measureId || !closedMeasure(byId.get(i.measureId)?.status ?? 'proposed')).length,
  };
}

export function summaryOf(actor: Actor, r: FollowUpRow, items: readonly ItemRow[], measures: readonly MeasureRef[]): FollowUpSummary {
  const mun = municipalCan(actor, 'update', r.supplierId);
  const sup = supplierCan(actor, 'update', r.supplierId);
  const c = counts(items, measures);
  const actions: FollowUpSummary['actions'] = [];
  if (mun && r.status !== 'closed') actions.push('update');
  if (mun && r.status === 'planned') actions.push('send');
  if ((mun || sup) && r.status === 'sent') actions.push('answer', 'submit');
  if (mun && (r.status === 'answered' || r.status === 'assessed')) actions.push('assess');
  if (mun && r.status === 'assessed' && c.openDeficiencies === 0) actions.push('close');
  return {
    id: r.id,
    version: r.version,
    archived: false,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: mun && r.status !== 'closed' ? ['read', 'update'] : ['read'],
    actions,
    supplierId: r.supplierId,
    supplier: { id: r.supplierId, name: r.supplierName, type: r.supplierType as FollowUpSummary['supplier']['type'] },
    title: r.title,
    plannedOn: r.plannedOn,
    answerBy: r.answerBy,
    reviewerId: r.reviewerId,
    reviewerName: r.reviewerName,
    status: r.status as FollowUpSummary['status'],
    sentAt: iso(r.sentAt),
    answeredAt: iso(r.answeredAt),
    assessedAt: iso(r.assessedAt),
    closedAt: iso(r.closedAt),
    conclusion: r.conclusion,
    counts: c,
  };
}

export function itemOf(
  actor: Actor,
  f: FollowUpRow,
  i: ItemRow,
  files: readonly StoredFileRow[],
  measures: readonly MeasureRef[],
): ItemOut {
  const mun = municipalCan(actor, 'update', f.supplierId);
  const sup = supplierCan(actor, 'update', f.supplierId);
  const m = i.measureId ? measures.find((x) => x.id === i.measureId) : undefined;
  const actions: ItemOut['actions'] = [];
  if ((mun || sup) && f.status === 'sent') actions.push('answer', 'upload');
  else if (mun && f.status === 'answered') actions.push('upload');
  if (mun && (f.status === 'answered' || f.status === 'assessed') && !i.measureId) actions.push('assess');
  return {
    id: i.id,
    version: i.version,
    position: i.position,
    code: i.code,
    area: i.area as ItemOut['area'],
    text: i.text,
    evidenceRequired: i.evidenceRequired,
    sources: i.sources,
    answer: i.answer as ItemOut['answer'],
    answerComment: i.answerComment,
    answeredAt: iso(i.answeredAt),
    assessment: i.assessment as ItemOut['assessment'],
    assessmentNote: i.assessmentNote,
    deficiencyDueOn: i.deficiencyDueOn,
    assessedAt: iso(i.assessedAt),
    measure: m
      ? {
          id: m.id,
          // the supplier sees that a deficiency is being followed, not the municipality's measure text
          title: can(actor, 'read', 'measure', measureScope(m)) && viewOf(actor, 'measure', measureScope(m)) === 'full' ? m.title : null,
          status: m.status as NonNullable<ItemOut['measure']>['status'],
        }
      : null,
    files: files
      .filter((x) => x.ownerId === i.id)
      .map((x) => ({ id: x.id, name: x.name, contentType: x.contentType, sizeBytes: x.sizeBytes, createdAt: x.createdAt.toISOString() })),
    actions,
  };
}

export function detailOf(
  actor: Actor,
  r: FollowUpRow,
  items: readonly ItemRow[],
  files: readonly StoredFileRow[],
  measures: readonly MeasureRef[],
): FollowUpOut {
  return { ...summaryOf(actor, r, items, measures), items: items.map((i) => itemOf(actor, r, i, files, measures)) };
}
