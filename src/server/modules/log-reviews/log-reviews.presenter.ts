import type { Actor } from '../../platform/access.js';
import type { PlanRow } from './log-review-plans.repository.js';
import type { FollowUpRow, ReviewRow } from './log-reviews.repository.js';
import { municipalReach, planReach, reviewReach, systemNameShown, type Subject } from './log-reviews.policy.js';
import type { FollowUpOut, PlanOut, ReviewAction, ReviewListItem, ReviewOut } from './log-reviews.schemas.js';

const iso = (v: Date | string | null): string | null =>
  v === null ? null : typeof v === 'string' ? new Date(v).toISOString() : v.toISOString();
const subjectOf = (r: { systems: Subject['systems']; supplierId: string | null }): Subject => ({
  systems: r.systems,
  supplierId: r.supplierId,
});
const systemsFor = (actor: Actor, s: Subject) => s.systems.map((x) => ({ id: x.id, name: systemNameShown(actor, x) ? x.name : null }));

export function planActions(actor: Actor, r: { archivedAt: Date | null } & Subject): PlanOut['allowedActions'] {
  const out: PlanOut['allowedActions'] = ['read'];
  const archived = r.archivedAt !== null;
  const may = (a: 'update' | 'archive' | 'restore' | 'create') => planReach(actor, a, r, 'all');
  if (!archived && may('update')) out.push('update');
  if (!archived && may('archive')) out.push('archive');
  if (archived && may('restore')) out.push('restore');
  if (!archived && may('create')) out.push('add-review');
  return out;
}

export function presentPlan(actor: Actor, r: PlanRow): PlanOut {
  const subject = subjectOf(r);
  return {
    id: r.id,
    version: r.version,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: planActions(actor, { ...subject, archivedAt: r.archivedAt }),
    subject: r.supplierId ? 'supplier' : 'system',
    supplier: r.supplier,
    systems: systemsFor(actor, subject),
    intervalMonths: r.intervalMonths,
    firstDueOn: r.firstDueOn,
    reviewer: r.reviewer,
    producer: r.producer,
    note: r.note,
    nextReview: r.nextReview as PlanOut['nextReview'],
    lastDone: r.lastDone as PlanOut['lastDone'],
  };
}

export function reviewActions(actor: Actor, r: { status: string; outcome: string | null } & Subject): ReviewAction[] {
  const out: ReviewAction[] = ['read'];
  const done = r.status === 'done';
  if (!done && municipalReach(actor, 'update', r)) out.push('update');
  if (!done && municipalReach(actor, 'create', r)) out.push('attach');
  if (r.status === 'material_attached' && reviewReach(actor, 'update', r)) out.push('record-outcome');
  if (done && r.outcome === 'deviations' && municipalReach(actor, 'create', r)) out.push('add-follow-up');
  return out;
}

export function presentReviewItem(actor: Actor, r: ReviewRow): ReviewListItem {
  const subject = subjectOf(r);
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: reviewActions(actor, { ...subject, status: r.status, outcome: r.outcome }),
    planId: r.planId,
    scheduled: r.scheduled,
    subject: r.supplierId ? 'supplier' : 'system',
    supplier: r.supplier,
    systems: systemsFor(actor, subject),
    dueOn: r.dueOn,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    status: r.status as ReviewListItem['status'],
    overdue: r.overdue,
    reviewer: r.reviewer,
    producer: r.producer,
    material: r.material
      ? { ...r.material, kind: r.material.kind as 'upload' | 'audit_extract', uploadedAt: iso(r.material.uploadedAt)! }
      : null,
    outcome: r.outcome as ReviewListItem['outcome'],
    outcomeComment: r.outcomeComment,
    outcomeBy: r.outcomeByPerson,
    outcomeAt: iso(r.outcomeAt),
    openFollowUps: r.openFollowUps,
  };
}

export function presentFollowUp(actor: Actor, subject: Subject, f: FollowUpRow): FollowUpOut {
  return {
    id: f.id,
    version: f.version,
    reviewId: f.reviewId,
    description: f.description,
    owner: f.owner,
    dueOn: f.dueOn,
    status: f.status as FollowUpOut['status'],
    closedAt: iso(f.closedAt),
    closedBy: f.closedByPerson,
    incidentId: f.incidentId,
    measureId: f.measureId,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    allowedActions: municipalReach(actor, 'update', subject) ? ['read', 'update'] : ['read'],
  };
}

export function presentReview(actor: Actor, r: ReviewRow, followUps: FollowUpRow[]): ReviewOut {
  return { ...presentReviewItem(actor, r), followUps: followUps.map((f) => presentFollowUp(actor, subjectOf(r), f)) };
}

export const reviewSubject = subjectOf;
