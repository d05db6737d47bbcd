import type { ObjectAction, Role } from '../../shared/enums.js';
import { forbidden } from './problems.js';

export type Resource = 'org-unit' | 'system' | 'information-asset';
export type Action = 'read' | 'create' | 'update' | 'archive' | 'restore';

export interface Actor {
  userId: string;
  tenantId: string;
  roles: Role[];
  email: string;
  displayName: string;
}

const all: Action[] = ['read', 'create', 'update', 'archive', 'restore'];
const registers: Resource[] = ['org-unit', 'system', 'information-asset'];

// The one policy table: role × resource → actions. Unit scope and secrecy marking join it later
// as conditions on the object; services ask `can` before every read and write.
const policy: Record<Role, Partial<Record<Resource, readonly Action[]>>> = {
  tenant_admin: Object.fromEntries(registers.map((r) => [r, all])),
  editor: Object.fromEntries(registers.map((r) => [r, all])),
  reader: Object.fromEntries(registers.map((r) => [r, ['read'] as const])),
};

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return actor.roles.some((role) => policy[role]?.[resource]?.includes(action) ?? false);
}

export function assertCan(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) throw forbidden();
}

// What the actor may do with one object, so clients hide the rest. Archived rows are read-only
// until restored.
export function allowedActions(actor: Actor, resource: Resource, obj: { archived: boolean }): ObjectAction[] {
  const out: ObjectAction[] = [];
  if (can(actor, 'read', resource)) out.push('read');
  if (!obj.archived && can(actor, 'update', resource)) out.push('update');
  if (!obj.archived && can(actor, 'archive', resource)) out.push('archive');
  if (obj.archived && can(actor, 'restore', resource)) out.push('restore');
  return out;
}

// The fields every register object carries in the API, with what this actor may do to it.
export function recordBase(
  actor: Actor,
  resource: Resource,
  r: { id: string; version: number; archivedAt: Date | null; createdAt: Date; updatedAt: Date },
) {
  const archived = r.archivedAt !== null;
  return {
    id: r.id,
    version: r.version,
    archived,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: allowedActions(actor, resource, { archived }),
  };
}
