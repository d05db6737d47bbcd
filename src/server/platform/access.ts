import type { ObjectAction, Role } from '../../shared/enums.js';
import { forbidden } from './problems.js';

export const resources = [
  'org-unit',
  'system',
  'information-asset',
  'supplier',
  'user',
  'tenant-settings',
  'identity-provider',
  'api-token',
  'scim',
  'report',
  'audit-trail',
  'log-review',
  // assessment (issue 5): the requirement catalogue, policy goals, measures, the yearly action plan, RSA
  'requirement',
  'policy-goal',
  'measure',
  'action-plan',
  'risk',
  // incidents and continuity (issue 6): incidents with their legal clocks, the tenant's incident
  // settings (categories, routes, crisis group, regime versions), continuity per system and supplier,
  // the restore priority order decided by management, exercises
  'incident',
  'incident-settings',
  'continuity',
  'restore-priority',
  'exercise',
  // suppliers and the supplier portal (issue 7): contracts and collaboration, follow-ups with evidence
  // (and meetings), change notices with acknowledgements, access orders, credentials and e-ID cards,
  // recertification of accounts. A supplier's people (key persons, super users, authorised orderers)
  // and its systems are part of the supplier record ('supplier').
  'contract',
  'follow-up',
  'change-notice',
  'access-order',
  'credential',
  'recertification',
] as const;
export type Resource = (typeof resources)[number];
export type Action = 'read' | 'create' | 'update' | 'archive' | 'restore';

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

// How a role sees a secret-marked record it may otherwise read: all of it, that it exists with its
// content masked, or not at all.
export type SecretView = 'full' | 'masked' | 'hidden';

interface RoleRule {
  can: Partial<Record<Resource, readonly Action[]>>;
  secret: SecretView;
}

const W: readonly Action[] = ['read', 'create', 'update', 'archive', 'restore'];
const R: readonly Action[] = ['read'];
const RU: readonly Action[] = ['read', 'update'];
const RCU: readonly Action[] = ['read', 'create', 'update'];
const RC: readonly Action[] = ['read', 'create'];
const C: readonly Action[] = ['create'];

// The one policy table. Every route names a resource and an action; every service asks `can`
// (with the object's scope) before it reads or writes; lists filter by `readClauses`.
export const policy: Record<Role, RoleRule> = {
  // informationssäkerhetssamordnare: runs the ISMS for the tenant
  coordinator: {
    can: {
      'org-unit': W,
      system: W,
      'information-asset': W,
      supplier: W,
      user: W,
      'tenant-settings': RU,
      'identity-provider': W,
      'api-token': W,
      scim: W,
      report: R,
      // reads, exports and verifies the trail; 'create' takes a checkpoint
      'audit-trail': ['read', 'create'],
      'log-review': W,
      requirement: W,
      'policy-goal': W,
      measure: W,
      'action-plan': W,
      risk: W,
      incident: W,
      'incident-settings': W,
      continuity: W,
      // prepares the restore priority order (D1-27); deciding it ('update') is management's alone
      'restore-priority': RC,
      exercise: W,
      contract: W,
      'follow-up': W,
      'change-notice': W,
      'access-order': W,
      credential: W,
      recertification: W,
    },
    secret: 'full',
  },
  // kommundirektör / ledning: sees everything that is not secret, approves and receives reports
  // decides the action plan (D1: "beslutas av ledningen"): records the decision with date and Dnr
  management: {
    can: {
      'org-unit': R,
      system: R,
      'information-asset': R,
      supplier: R,
      report: R,
      requirement: R,
      'policy-goal': R,
      measure: R,
      'action-plan': RU,
      risk: R,
      // decides the restore priority order (D1-27) as it decides the action plan
      incident: RC,
      'incident-settings': R,
      continuity: R,
      'restore-priority': RU,
      exercise: R,
      contract: R,
      'follow-up': R,
      'change-notice': R,
      'access-order': R,
      credential: R,
      recertification: R,
    },
    secret: 'masked',
  },
  // IT-chef: owns the infrastructure and the system register with the system owners
  it_manager: {
    can: {
      'org-unit': R,
      system: W,
      'information-asset': R,
      supplier: R,
      'log-review': W,
      requirement: R,
      'policy-goal': R,
      measure: W,
      'action-plan': R,
      risk: W,
      incident: RCU,
      'incident-settings': R,
      continuity: W,
      'restore-priority': R,
      exercise: W,
      contract: R,
      'follow-up': RCU,
      'change-notice': W,
      // IT executes orders and hands over credentials
      'access-order': W,
      credential: W,
      recertification: W,
    },
    secret: 'full',
  },
  // IT-driftsledare: keeps operations data of systems current
  operations_manager: {
    can: {
      'org-unit': R,
      system: RU,
      'information-asset': R,
      supplier: R,
      requirement: R,
      measure: RU,
      risk: R,
      incident: RCU,
      'incident-settings': R,
      continuity: RU,
      'restore-priority': R,
      exercise: RCU,
      contract: R,
      'change-notice': RCU,
      'access-order': RU,
      credential: RCU,
      recertification: R,
    },
    secret: 'masked',
  },
  // systemägare: decides for the systems and information in their scope
  system_owner: {
    can: {
      'org-unit': R,
      system: W,
      'information-asset': W,
      supplier: R,
      'log-review': W,
      requirement: R,
      'policy-goal': R,
      measure: W,
      'action-plan': R,
      risk: W,
      incident: RCU,
      'incident-settings': R,
      continuity: W,
      'restore-priority': R,
      exercise: W,
      contract: R,
      'follow-up': R,
      'change-notice': W,
      // approves orders for the systems in scope, orders for the unit's own staff
      'access-order': RCU,
      credential: R,
      recertification: W,
    },
    secret: 'full',
  },
  // systemförvaltare: runs the system for the owner
  // log reviews: produces the material for the systems in scope (D0-16)
  system_administrator: {
    can: {
      'org-unit': R,
      system: RU,
      'information-asset': RCU,
      supplier: R,
      'log-review': W,
      requirement: R,
      'policy-goal': R,
      measure: RCU,
      risk: RCU,
      incident: RCU,
      'incident-settings': R,
      continuity: RCU,
      'restore-priority': R,
      exercise: RCU,
      contract: R,
      'change-notice': RC,
      'access-order': RCU,
      credential: R,
      recertification: RCU,
    },
    secret: 'full',
  },
  // chef: reads what concerns the unit
  // the unit's measures and risks, and the municipality's catalogue, goals and plan they belong to
  manager: {
    can: {
      'org-unit': R,
      system: R,
      'information-asset': R,
      requirement: R,
      'policy-goal': R,
      measure: R,
      'action-plan': R,
      risk: R,
      incident: RC,
      'incident-settings': R,
      continuity: R,
      'restore-priority': R,
      exercise: R,
      // orders accounts for the unit's own staff and confirms them at recertification
      'access-order': RC,
      recertification: RU,
    },
    secret: 'masked',
  },
  // medarbetare: reports incidents about systems and sees own tasks; no secret content
  // everyone reports incidents (D1-52) and reads the reporting routes (D1-35); reporters follow their
  // own reports through /incidents/mine, not through the incident register
  employee: { can: { 'org-unit': R, system: R, incident: C, 'incident-settings': R }, secret: 'hidden' },
  // revisor: reads everything, secret content included (each read of secret content is audited)
  auditor: {
    can: {
      'org-unit': R,
      system: R,
      'information-asset': R,
      supplier: R,
      user: R,
      'tenant-settings': R,
      'identity-provider': R,
      report: R,
      'audit-trail': R,
      'log-review': R,
      requirement: R,
      'policy-goal': R,
      measure: R,
      'action-plan': R,
      risk: R,
      incident: RC,
      'incident-settings': R,
      continuity: R,
      'restore-priority': R,
      exercise: R,
      contract: R,
      'follow-up': R,
      'change-notice': R,
      'access-order': R,
      credential: R,
      recertification: R,
    },
    secret: 'full',
  },
  // förtroendevald: the reports to the board, and reporting an incident like everyone else
  elected_official: { can: { report: R, incident: C }, secret: 'hidden' },
  // supplier roles: their own organisation only (the grant's supplier scope)
  // log reviews: reads its organisation's reviews and records their outcome (D0-16), no plans
  // incidents: supplier users report faults and incidents (D0-30, D0-31) and follow their own reports;
  // the supplier admin keeps the organisation's reserve routines (D0-26)
  // portal (issue 7): the admin answers follow-ups, acknowledges change notices, keeps the orderers
  // list and confirms its own staff at recertification; only an authorised orderer submits orders
  supplier_admin: {
    can: {
      supplier: RU,
      'log-review': RU,
      incident: C,
      continuity: RCU,
      contract: R,
      'follow-up': RU,
      'change-notice': RU,
      'access-order': R,
      credential: R,
      recertification: RU,
    },
    secret: 'hidden',
  },
  authorised_orderer: {
    can: { supplier: R, incident: C, 'change-notice': R, 'access-order': RC, credential: R },
    secret: 'hidden',
  },
  super_user: { can: { supplier: R, incident: C, 'change-notice': R }, secret: 'hidden' },
  // an identity provider's SCIM client: users and groups, nothing else
  provisioning: { can: { scim: W }, secret: 'hidden' },
};

// Org units are the map everyone navigates by, and the supplier register is common to the whole
// municipality: a municipal role that may read them reads all of them, whatever its unit or systems
// scope. A supplier-scoped grant still reaches only its own organisation.
const unscopedReads: ReadonlySet<Resource> = new Set([
  'org-unit',
  'supplier',
  'requirement',
  'policy-goal',
  'action-plan',
  'incident-settings',
  'restore-priority',
  'contract',
  'change-notice',
]);
const readsUnscoped = (scope: Scope, resource: Resource) => scope.type !== 'supplier' && unscopedReads.has(resource);

// The tenant's catalogue, goals and yearly plan are read by everyone who works with them, but only
// changed from a tenant-wide grant: a unit's system owner does not rewrite the municipality's plan.
// The same holds for the incident settings and the restore priority order across all critical systems.
export const tenantWideWrites: ReadonlySet<Resource> = new Set([
  'requirement',
  'policy-goal',
  'action-plan',
  'incident-settings',
  'restore-priority',
]);

// The tenant's own administration (people and roles, settings, identity providers and their group
// mappings, API tokens, provisioning) needs a tenant-wide grant: from a unit or systems scope it
// would reach beyond that scope, e.g. mapping an IdP group to a tenant-wide role.
export const tenantOnly: ReadonlySet<Resource> = new Set([
  'user',
  'tenant-settings',
  'identity-provider',
  'api-token',
  'scim',
  'audit-trail',
]);

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
