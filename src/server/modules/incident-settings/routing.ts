import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { incidentRoutes, incidentSettings, roleAssignments, users } from '../../db/schema/index.js';
import { incidentSeverities } from '../../../shared/enums.js';

export interface RouteFacts {
  categoryId: string | null;
  systemIds: readonly string[];
  severity: string | null;
}

export interface RouteMatch {
  routeId: string | null;
  handlingUnitId: string | null;
  notifyUserIds: string[];
  instructions: string | null;
}

export interface IncidentSettingsView {
  crisisUserIds: string[];
  reminderPercents: number[];
  secretByDefault: boolean;
  defaultSecrecyProvision: string | null;
}

// Until a tenant saves its own: incidents secret-marked under the OSL provision on security measures
// (an incident report tells how the municipality's protection can be got round).
export const defaultIncidentSettings: IncidentSettingsView = {
  crisisUserIds: [],
  reminderPercents: [50, 80, 100],
  secretByDefault: true,
  defaultSecrecyProvision: '18 kap. 8 § OSL',
};

export interface RouteConditions {
  categoryId: string | null;
  systemId: string | null;
  minSeverity: string | null;
}

function severityRank(severity: string | null): number {
  return severity === null ? -1 : (incidentSeverities as readonly string[]).indexOf(severity);
}

// Pure so the matching rule is unit-testable: a null condition matches anything, a set one must hold.
// An incident without a severity yet does not meet a route that asks for a minimum one.
export function routeMatches(route: RouteConditions, facts: RouteFacts): boolean {
  if (route.categoryId !== null && route.categoryId !== facts.categoryId) return false;
  if (route.systemId !== null && !facts.systemIds.includes(route.systemId)) return false;
  if (route.minSeverity !== null) {
    const need = severityRank(route.minSeverity);
    const have = severityRank(facts.severity);
    if (have < 0 || have < need) return false;
  }
  return true;
}

export function firstMatch<T extends RouteConditions>(routes: readonly T[], facts: RouteFacts): T | null {
  return routes.find((route) => routeMatches(route, facts)) ?? null;
}

// D1-35: the first non-archived route in the tenant's order whose conditions all hold.
export async function routeIncident(tx: Tx, tenantId: string, facts: RouteFacts): Promise<RouteMatch> {
  const routes = await tx
    .select({
      id: incidentRoutes.id,
      categoryId: incidentRoutes.categoryId,
      systemId: incidentRoutes.systemId,
      minSeverity: incidentRoutes.minSeverity,
      handlingUnitId: incidentRoutes.handlingUnitId,
      notifyUserIds: incidentRoutes.notifyUserIds,
      instructions: incidentRoutes.instructions,
    })
    .from(incidentRoutes)
    .where(and(eq(incidentRoutes.tenantId, tenantId), isNull(incidentRoutes.archivedAt)))
    .orderBy(asc(incidentRoutes.sortOrder), asc(incidentRoutes.createdAt), asc(incidentRoutes.id));
  const match = firstMatch(routes, facts);
  if (!match) return { routeId: null, handlingUnitId: null, notifyUserIds: [], instructions: null };
  return {
    routeId: match.id,
    handlingUnitId: match.handlingUnitId,
    notifyUserIds: [...match.notifyUserIds],
    instructions: match.instructions,
  };
}

export async function incidentSettingsOf(tx: Tx, tenantId: string): Promise<IncidentSettingsView> {
  const [row] = await tx.select().from(incidentSettings).where(eq(incidentSettings.tenantId, tenantId));
  if (!row) return { ...defaultIncidentSettings, crisisUserIds: [], reminderPercents: [...defaultIncidentSettings.reminderPercents] };
  return {
    crisisUserIds: [...row.crisisUserIds],
    reminderPercents: [...row.reminderPercents],
    secretByDefault: row.secretByDefault,
    defaultSecrecyProvision: row.defaultSecrecyProvision,
  };
}

// Who is told about an incident: its handler, the matched route's people, and every coordinator with
// tenant-wide scope, so an incident no route catches still reaches someone. Disabled users and people
// who no longer hold any role in the tenant drop out.
export async function incidentResponsibles(
  tx: Tx,
  tenantId: string,
  incident: { handlerUserId: string | null; routeId: string | null },
): Promise<string[]> {
  const wanted: string[] = [];
  if (incident.handlerUserId) wanted.push(incident.handlerUserId);
  if (incident.routeId) {
    const [route] = await tx
      .select({ notifyUserIds: incidentRoutes.notifyUserIds })
      .from(incidentRoutes)
      .where(and(eq(incidentRoutes.tenantId, tenantId), eq(incidentRoutes.id, incident.routeId)));
    if (route) wanted.push(...route.notifyUserIds);
  }
  const coordinators = await tx
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.role, 'coordinator'), eq(roleAssignments.scopeType, 'tenant')));
  wanted.push(...coordinators.map((c) => c.userId));
  const unique = [...new Set(wanted)];
  if (unique.length === 0) return [];
  const active = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(roleAssignments, and(eq(roleAssignments.userId, users.id), eq(roleAssignments.tenantId, tenantId)))
    .where(and(inArray(users.id, unique), isNull(users.disabledAt)));
  const activeIds = new Set(active.map((a) => a.id));
  return unique.filter((id) => activeIds.has(id));
}
