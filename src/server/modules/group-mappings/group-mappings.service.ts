import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type AuditEntry, type RequestContext } from '../../platform/audit.js';
import { recomputeRoles } from '../scim/scim.provisioning.js';
import { notFound, Problem } from '../../platform/problems.js';
import { supplierRoles, type ScopeType } from '../../../shared/enums.js';
import { requireActiveUnit } from '../org-units/org-units.repository.js';
import { assertMappingAction } from './group-mappings.policy.js';
import { mappingSnapshot, presentMapping } from './group-mappings.presenter.js';
import * as repo from './group-mappings.repository.js';
import type { GroupMappingCreate, GroupMappingOut } from './group-mappings.schemas.js';

type FieldError = { field: string; code: string; sv: string; en: string };

const isSupplierRole = (role: string) => (supplierRoles as readonly string[]).includes(role);

// A mapping's scope must name exactly what its scope type needs, and supplier roles (and only
// they) are limited to one supplier organisation — the same rules as a manual role assignment.
async function checkedValues(tx: Tx, tenantId: string, input: GroupMappingCreate): Promise<repo.MappingValues> {
  const scopeType: ScopeType = input.scopeType ?? (input.scopeSupplierId ? 'supplier' : 'tenant');
  const v: repo.MappingValues = {
    groupName: input.groupName,
    role: input.role,
    scopeType,
    scopeUnitId: input.scopeUnitId ?? null,
    scopeSystemIds: [...new Set(input.scopeSystemIds ?? [])],
    scopeSupplierId: input.scopeSupplierId ?? null,
  };
  const errors: FieldError[] = [];
  const notForScope = (field: string) =>
    errors.push({
      field,
      code: 'scope_mismatch',
      sv: 'Fältet hör inte till den valda avgränsningen.',
      en: 'This field does not belong to the chosen scope.',
    });
  if (isSupplierRole(v.role) && scopeType !== 'supplier') {
    errors.push({
      field: 'scopeType',
      code: 'supplier_scope_required',
      sv: 'En leverantörsroll måste avgränsas till en leverantör.',
      en: 'A supplier role must be limited to one supplier.',
    });
  }
  if (!isSupplierRole(v.role) && scopeType === 'supplier') {
    errors.push({
      field: 'scopeType',
      code: 'supplier_scope_not_allowed',
      sv: 'Bara leverantörsroller kan avgränsas till en leverantör.',
      en: 'Only supplier roles can be limited to a supplier.',
    });
  }
  if (scopeType !== 'unit' && v.scopeUnitId) notForScope('scopeUnitId');
  if (scopeType !== 'systems' && v.scopeSystemIds.length > 0) notForScope('scopeSystemIds');
  if (scopeType !== 'supplier' && v.scopeSupplierId) notForScope('scopeSupplierId');

  if (scopeType === 'unit') {
    if (!v.scopeUnitId) errors.push({ field: 'scopeUnitId', code: 'required', sv: 'Välj en enhet.', en: 'Choose a unit.' });
    else if (errors.length === 0) await requireActiveUnit(tx, tenantId, v.scopeUnitId, 'scopeUnitId');
  }
  if (scopeType === 'systems') {
    if (v.scopeSystemIds.length === 0) {
      errors.push({ field: 'scopeSystemIds', code: 'required', sv: 'Välj minst ett system.', en: 'Choose at least one system.' });
    } else {
      const found = await repo.activeSystemIds(tx, tenantId, v.scopeSystemIds);
      if (v.scopeSystemIds.some((id) => !found.has(id))) {
        errors.push({
          field: 'scopeSystemIds',
          code: 'unknown_system',
          sv: 'Ett eller flera av systemen finns inte eller är arkiverade.',
          en: 'One or more of the systems do not exist or are archived.',
        });
      }
    }
  }
  if (scopeType === 'supplier') {
    if (!v.scopeSupplierId) {
      errors.push({ field: 'scopeSupplierId', code: 'required', sv: 'Välj en leverantör.', en: 'Choose a supplier.' });
    } else if (!(await repo.activeSupplierExists(tx, tenantId, v.scopeSupplierId))) {
      errors.push({
        field: 'scopeSupplierId',
        code: 'unknown_supplier',
        sv: 'Leverantören finns inte eller är arkiverad.',
        en: 'The supplier does not exist or is archived.',
      });
    }
  }
  if (errors.length === 0 && (await repo.sameMappingExists(tx, tenantId, v))) {
    errors.push({
      field: 'groupName',
      code: 'duplicate',
      sv: 'Gruppen har redan den här rollen med samma avgränsning.',
      en: 'The group already has this role with the same scope.',
    });
  }
  if (errors.length > 0) throw new Problem('validation', undefined, errors);
  return v;
}

async function load(tx: Tx, actor: Actor, id: string): Promise<GroupMappingOut | null> {
  const row = await repo.findMapping(tx, actor.tenantId, id);
  return row ? presentMapping(actor, row) : null;
}

// A mapping change reaches SCIM-provisioned members of the group at once, each change audited.
async function applyToScimMembers(tx: Tx, ctx: RequestContext, groupName: string): Promise<void> {
  const audit: AuditEntry[] = [];
  await recomputeRoles(tx, ctx.actor.tenantId, await repo.scimMembersOf(tx, ctx.actor.tenantId, groupName), audit);
  for (const entry of audit) await recordAudit(tx, ctx, entry);
}

export function createGroupMappingsService(db: Db) {
  return {
    async list(actor: Actor): Promise<{ items: GroupMappingOut[]; nextCursor: null }> {
      assertMappingAction(actor, 'read');
      const rows = await withTenant(db, actor.tenantId, (tx) => repo.listMappings(tx, actor.tenantId));
      return { items: rows.map((r) => presentMapping(actor, r)), nextCursor: null };
    },

    async create(ctx: RequestContext, input: GroupMappingCreate): Promise<GroupMappingOut> {
      assertMappingAction(ctx.actor, 'create');
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const values = await checkedValues(tx, t, input);
        const id = await repo.insertMapping(tx, t, values);
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, {
          action: 'group-role-mapping.create',
          entityType: 'group-role-mapping',
          entityId: id,
          after: mappingSnapshot(out),
        });
        await applyToScimMembers(tx, ctx, values.groupName);
        return out;
      });
    },

    // Removing a mapping takes effect at once: SCIM-provisioned members are recomputed from their
    // groups, and SSO-granted assignments equal to it are removed (a remaining mapping grants them
    // again at the next sign-in). Least privilege errs on the side of less.
    async remove(ctx: RequestContext, id: string): Promise<void> {
      assertMappingAction(ctx.actor, 'archive');
      const t = ctx.actor.tenantId;
      await withTenant(db, t, async (tx) => {
        const before = await load(tx, ctx.actor, id);
        if (!before) throw notFound();
        const stored = (await repo.findMapping(tx, t, id))!.row;
        await repo.deleteMapping(tx, t, id);
        const ssoRemoved = await repo.deleteSsoAssignmentsLike(tx, t, stored);
        await recordAudit(tx, ctx, {
          action: 'group-role-mapping.delete',
          entityType: 'group-role-mapping',
          entityId: id,
          before: mappingSnapshot(before),
          after: { ssoAssignmentsRemoved: ssoRemoved },
        });
        await applyToScimMembers(tx, ctx, stored.groupName);
      });
    },
  };
}

export type GroupMappingsService = ReturnType<typeof createGroupMappingsService>;
