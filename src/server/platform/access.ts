import type { ObjectAction, Role } from '../../shared/enums.js';
import { forbidden } from './problems.js';
import {
  policy,
  tenantOnly,
  tenantWideWrites,
  unscopedReads,
  resources,
  type Action,
  type Resource,
  type SecretView,
} from './access-policy.js';
export { policy, resources, tenantOnly, tenantWideWrites, type Action, type Resource, type SecretView } from './access-policy.js';

// Applying the policy table (access-policy.ts): who the actor is, where an object sits, and whether a
// grant's scope covers it.

export type Scope =
  | { type: 'tenant' }
  // unitIds: the unit and its whole subtree, expanded when the session is loaded
  | { type: 'unit'; unitId: string; unitIds: string[] }
  | { type: 'systems'; systemIds: string[] }
  | { type: 'supplier'; supplierId: string };

export interface Grant {
  role: Role;
  scope: Scope;
}

export interface Actor {
  userId: string;
  tenantId: string;
  roles: Role[];
  grants: Grant[];
  email: string;
  displayName: string;
  // set when the caller is an API token rather than a person's session
  tokenId?: string;
}

// Where an object sits, for scope checks: its unit, its system(s), its supplier organisation.
export interface ObjectScope {
  unitId?: string | null;
  systemIds?: readonly string[];
  supplierId?: string | null;
  secret?: boolean;
}

const readsUnscoped = (scope: Scope, resource: Resource) => scope.type !== 'supplier' && unscopedReads.has(resource);

function covers(scope: Scope, resource: Resource, action: Action, obj: ObjectScope | undefined): boolean {
  if (scope.type === 'tenant') return true;
  if (tenantOnly.has(resource)) return false;
  if (action !== 'read' && tenantWideWrites.has(resource)) return false;
  if (action === 'read' && readsUnscoped(scope, resource)) return true;
  // Without an object (a list, or a create not yet placed) a scoped grant counts; lists filter rows.
  if (!obj) return true;
  switch (scope.type) {
    case 'unit':
      return !!obj.unitId && scope.unitIds.includes(obj.unitId);
    case 'systems':
      return (obj.systemIds ?? []).some((id) => scope.systemIds.includes(id));
    case 'supplier':
      return !!obj.supplierId && obj.supplierId === scope.supplierId;
  }
}

function grantsFor(actor: Actor, action: Action, resource: Resource, obj?: ObjectScope): Grant[] {
  return actor.grants.filter((g) => (policy[g.role].can[resource]?.includes(action) ?? false) && covers(g.scope, resource, action, obj));
}

const rank: Record<SecretView, number> = { hidden: 0, masked: 1, full: 2 };

// How the actor sees this object's content: null when it may not see the object at all.
export function viewOf(actor: Actor, resource: Resource, obj: ObjectScope): SecretView | null {
  const gs = grantsFor(actor, 'read', resource, obj);
  if (gs.length === 0) return null;
  if (!obj.secret) return 'full';
  const best = gs.map((g) => policy[g.role].secret).reduce((a, b) => (rank[b] > rank[a] ? b : a), 'hidden' as SecretView);
  return best === 'hidden' ? null : best;
}

// True when showing this secret record to this actor must leave an audit entry: every read that shows
// secret content, whoever reads it (a masked view shows none and leaves none).
export function secretReadIsAudited(actor: Actor, resource: Resource, obj: ObjectScope): boolean {
  return !!obj.secret && viewOf(actor, resource, obj) === 'full';
}

export function can(actor: Actor, action: Action, resource: Resource, obj?: ObjectScope): boolean {
  if (action === 'read' && obj) return viewOf(actor, resource, obj) !== null;
  const gs = grantsFor(actor, action, resource, obj);
  if (gs.length === 0) return false;
  // Changing a secret record needs a role that may see its content.
  if (obj?.secret && action !== 'read') return gs.some((g) => policy[g.role].secret === 'full');
  return true;
}

export function assertCan(actor: Actor, action: Action, resource: Resource, obj?: ObjectScope): void {
  if (!can(actor, action, resource, obj)) throw forbidden();
}

// The row filter for a list: rows matching any clause are visible. `all` = no scope condition;
// `secret` = how that grant shows secret-marked rows ('hidden' leaves them out).
export interface ReadClause {
  all: boolean;
  unitIds: string[];
  systemIds: string[];
  supplierIds: string[];
  secret: SecretView;
}

export function readClauses(actor: Actor, resource: Resource): ReadClause[] {
  return grantsFor(actor, 'read', resource).map((g) => {
    const s = g.scope;
    const all = s.type === 'tenant' || readsUnscoped(s, resource);
    return {
      all,
      unitIds: s.type === 'unit' ? s.unitIds : [],
      systemIds: s.type === 'systems' ? s.systemIds : [],
      supplierIds: s.type === 'supplier' ? [s.supplierId] : [],
      secret: policy[g.role].secret,
    };
  });
}

// What the actor may do with one object, so clients hide the rest. Archived rows are read-only
// until restored.
export function allowedActions(actor: Actor, resource: Resource, obj: ObjectScope & { archived: boolean }): ObjectAction[] {
  const out: ObjectAction[] = [];
  if (can(actor, 'read', resource, obj)) out.push('read');
  if (!obj.archived && can(actor, 'update', resource, obj)) out.push('update');
  if (!obj.archived && can(actor, 'archive', resource, obj)) out.push('archive');
  if (obj.archived && can(actor, 'restore', resource, obj)) out.push('restore');
  return out;
}

// The fields every register object carries in the API, with what this actor may do to it.
export function recordBase(
  actor: Actor,
  resource: Resource,
  r: { id: string; version: number; archivedAt: Date | null; createdAt: Date; updatedAt: Date },
  scope: ObjectScope = {},
) {
  const archived = r.archivedAt !== null;
  return {
    id: r.id,
    version: r.version,
    archived,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: allowedActions(actor, resource, { ...scope, archived }),
  };
}

// What the actor may do anywhere in the tenant, per resource (any grant, any scope): the web app
// uses it to show or hide navigation and buttons; objects still carry their own allowedActions.
export function permissionsOf(actor: Actor): Record<Resource, Action[]> {
  const actions: Action[] = ['read', 'create', 'update', 'archive', 'restore'];
  return Object.fromEntries(resources.map((r) => [r, actions.filter((a) => grantsFor(actor, a, r).length > 0)])) as Record<
    Resource,
    Action[]
  >;
}
