import type { Role } from '../../shared/enums.js';

// What each role may do: the resources, the actions and the one policy table (access.ts applies it).

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
export const unscopedReads: ReadonlySet<Resource> = new Set([
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
