import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './platform.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// Shared columns of every register row: tenant, optimistic-lock version and archive marker.
const registerColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  version: integer('version').notNull().default(1),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Secrecy marking (sekretessmarkering) under OSL: the provision is kept as text, e.g. "21 kap. 7 § OSL".
const secrecyColumns = () => ({
  secret: boolean('secret').notNull().default(false),
  secrecyProvision: text('secrecy_provision'),
});

export const orgUnits = pgTable(
  'org_units',
  {
    ...registerColumns(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    parentId: uuid('parent_id'),
    description: text('description'),
  },
  (t) => [
    unique('org_units_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id], name: 'org_units_parent_fk' }),
    index('org_units_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`, t.id),
  ],
);

export const systems = pgTable(
  'systems',
  {
    ...registerColumns(),
    name: text('name').notNull(),
    description: text('description'),
    responsibleUnitId: uuid('responsible_unit_id').notNull(),
    systemOwner: text('system_owner'),
    systemAdministrators: text('system_administrators')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    operationsResponsible: text('operations_responsible'),
    supplier: text('supplier'),
    hosting: text('hosting'),
    authenticationMethod: text('authentication_method'),
    critical: boolean('critical').notNull().default(false),
    lifecycleStatus: text('lifecycle_status').notNull().default('in_use'),
    lastReviewedOn: date('last_reviewed_on', { mode: 'string' }),
    ...secrecyColumns(),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('swedish', coalesce(name, '') || ' ' || coalesce(description, '') || ' ' || coalesce(supplier, '') || ' ' || coalesce(system_owner, ''))`,
    ),
  },
  (t) => [
    unique('systems_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.responsibleUnitId],
      foreignColumns: [orgUnits.tenantId, orgUnits.id],
      name: 'systems_unit_fk',
    }),
    index('systems_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`, t.id),
    index('systems_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    index('systems_tenant_unit_idx').on(t.tenantId, t.responsibleUnitId),
    index('systems_search_idx').using('gin', t.search),
  ],
);

export const systemCosts = pgTable(
  'system_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    systemId: uuid('system_id').notNull(),
    category: text('category').notNull(),
    // integer öre: money is never floating point
    amountOre: bigint('amount_ore', { mode: 'number' }).notNull(),
    year: integer('year').notNull(),
    note: text('note'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    foreignKey({
      columns: [t.tenantId, t.systemId],
      foreignColumns: [systems.tenantId, systems.id],
      name: 'system_costs_system_fk',
    }).onDelete('cascade'),
    index('system_costs_system_idx').on(t.tenantId, t.systemId),
  ],
);

export const informationAssets = pgTable(
  'information_assets',
  {
    ...registerColumns(),
    name: text('name').notNull(),
    description: text('description'),
    owner: text('owner'),
    unitId: uuid('unit_id').notNull(),
    personalData: text('personal_data').notNull().default('none'),
    ...secrecyColumns(),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('swedish', coalesce(name, '') || ' ' || coalesce(description, '') || ' ' || coalesce(owner, ''))`,
    ),
  },
  (t) => [
    unique('information_assets_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [orgUnits.tenantId, orgUnits.id], name: 'information_assets_unit_fk' }),
    index('information_assets_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`, t.id),
    index('information_assets_search_idx').using('gin', t.search),
  ],
);

export const informationAssetSystems = pgTable(
  'information_asset_systems',
  {
    tenantId: uuid('tenant_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    systemId: uuid('system_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.assetId, t.systemId] }),
    foreignKey({
      columns: [t.tenantId, t.assetId],
      foreignColumns: [informationAssets.tenantId, informationAssets.id],
      name: 'ias_asset_fk',
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.systemId], foreignColumns: [systems.tenantId, systems.id], name: 'ias_system_fk' }).onDelete(
      'cascade',
    ),
    index('ias_system_idx').on(t.tenantId, t.systemId),
  ],
);

// Supplier and care-provider organisations. Supplier roles are scoped to one of them; the supplier
// register builds on this table.
export const suppliers = pgTable(
  'suppliers',
  {
    ...registerColumns(),
    name: text('name').notNull(),
    organisationNumber: text('organisation_number'),
    type: text('type').notNull().default('it_supplier'),
    // The register's detail (issue 7): contacts, internal support (D0-29), phone/voicemail/e-mail (D3-01),
    // premises and building network (D0-24/25), telecom resources (D0-34/35), messaging services
    // (D0-44), subcontractors (D1-16), public information (D3-07). Validated by the module's schema.
    profile: jsonb('profile')
      .notNull()
      .default(sql`'{}'::jsonb`),
    // D3-08: when the supplier itself last changed its details (the municipality is notified)
    profileChangedAt: timestamp('profile_changed_at', { withTimezone: true }),
    // D0-11: the supplier's last "the list of authorised orderers is still correct"
    orderersConfirmedAt: timestamp('orderers_confirmed_at', { withTimezone: true }),
    orderersConfirmedBy: uuid('orderers_confirmed_by'),
  },
  (t) => [
    unique('suppliers_tenant_id_uq').on(t.tenantId, t.id),
    index('suppliers_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`, t.id),
  ],
);
