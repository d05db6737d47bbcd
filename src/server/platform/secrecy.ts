import type { Tx } from '../db/client.js';
import { can, secretReadIsAudited, viewOf, type Actor, type ObjectScope, type Resource } from './access.js';
import { recordAuditMany, type RequestContext } from './audit.js';
import { fieldProblem, forbidden } from './problems.js';

// A secret marking names the OSL provision it rests on; without one the marking cannot be checked.
export function requireProvision(secret: boolean, provision: string | null | undefined): void {
  if (secret && !provision)
    throw fieldProblem(
      'secrecyProvision',
      'required',
      'Ange vilken bestämmelse i offentlighets- och sekretesslagen (OSL) som gäller, t.ex. "21 kap. 7 § OSL".',
      'State the provision of the Public Access to Information and Secrecy Act (OSL) that applies, e.g. "21 kap. 7 § OSL".',
    );
}

// Setting or lifting a marking needs a grant that sees secret content in full: otherwise a user could
// mark a record and lose sight of it, or unmark one to read it.
export function assertMayMark(actor: Actor, resource: Resource, scope: ObjectScope): void {
  if (!can(actor, 'update', resource, { ...scope, secret: true })) throw forbidden();
}

// Every secret record shown in full leaves its own audit entry (the special review of D1-68); a page
// of them is one insert.
export async function auditSecretReads(
  tx: Tx,
  ctx: RequestContext,
  resource: Resource,
  rows: readonly (ObjectScope & { id: string })[],
): Promise<void> {
  const shown = rows.filter((r) => secretReadIsAudited(ctx.actor, resource, r));
  await recordAuditMany(
    tx,
    ctx,
    shown.map((r) => ({ action: `${resource}.read-secret`, entityType: resource, entityId: r.id })),
  );
}

export const isMasked = (actor: Actor, resource: Resource, scope: ObjectScope) => viewOf(actor, resource, scope) !== 'full';
