import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { followUpTemplates } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { supplierTypes, type SupplierType } from '../../../shared/enums.js';
import { assertCan, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { forbidden, Problem } from '../../platform/problems.js';
import { shippedTemplate, type TemplateItem } from './follow-up-templates.shipped.js';
import type { TemplateOut, TemplatePut } from './follow-up-templates.schemas.js';

// The checklist is the municipality's: only a tenant-wide grant changes it (supplier users read it).
export const tenantWide = (actor: Actor) => actor.grants.some((g) => g.scope.type === 'tenant');

async function load(tx: Tx, tenantId: string, type: SupplierType): Promise<TemplateOut> {
  const rows = await tx
    .select()
    .from(followUpTemplates)
    .where(and(eq(followUpTemplates.tenantId, tenantId), eq(followUpTemplates.supplierType, type)));
  const row = rows[0];
  if (!row) return { supplierType: type, items: [...shippedTemplate(type)], custom: false, version: 0, updatedAt: null };
  return {
    supplierType: type,
    items: row.items as TemplateItem[],
    custom: true,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

// The items a new follow-up of this supplier type gets (the tenant's list, else the shipped one).
export const templateItemsFor = async (tx: Tx, tenantId: string, type: SupplierType) => (await load(tx, tenantId, type)).items;

export function createFollowUpTemplatesService(db: Db) {
  return {
    async list({ actor }: RequestContext): Promise<{ items: TemplateOut[] }> {
      assertCan(actor, 'read', 'follow-up');
      return withTenant(db, actor.tenantId, async (tx) => ({
        items: await Promise.all(supplierTypes.map((type) => load(tx, actor.tenantId, type))),
      }));
    },

    async get({ actor }: RequestContext, type: SupplierType): Promise<TemplateOut> {
      assertCan(actor, 'read', 'follow-up');
      return withTenant(db, actor.tenantId, (tx) => load(tx, actor.tenantId, type));
    },

    async put(ctx: RequestContext, type: SupplierType, expectedVersion: number, input: TemplatePut): Promise<TemplateOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'follow-up');
      return withTenant(db, actor.tenantId, async (tx) => {
        // one writer at a time per list: the version check below then sees the latest row
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`follow-up-template:${actor.tenantId}:${type}`}))`);
        const before = await load(tx, actor.tenantId, type);
        if (before.version !== expectedVersion) throw new Problem('precondition-failed');
        if (!tenantWide(actor)) throw forbidden();
        const codes = input.items.map((i) => i.code);
        const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
        if (dup >= 0)
          throw new Problem('validation', undefined, [
            { field: `items.${dup}.code`, code: 'duplicate', sv: 'Koden finns redan i listan.', en: 'The code is already in the list.' },
          ]);
        const values = { items: input.items, updatedBy: actor.userId, updatedAt: new Date() };
        if (before.custom)
          await tx
            .update(followUpTemplates)
            .set({ ...values, version: sql`${followUpTemplates.version} + 1` })
            .where(and(eq(followUpTemplates.tenantId, actor.tenantId), eq(followUpTemplates.supplierType, type)));
        else await tx.insert(followUpTemplates).values({ tenantId: actor.tenantId, supplierType: type, ...values });
        const after = await load(tx, actor.tenantId, type);
        await recordAudit(tx, ctx, {
          action: 'follow-up-template.update',
          entityType: 'follow-up-template',
          entityId: null,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type FollowUpTemplatesService = ReturnType<typeof createFollowUpTemplatesService>;
