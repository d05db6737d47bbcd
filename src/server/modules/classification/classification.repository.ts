import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { assessmentSettings, assetClassifications, systemClassifications } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import type { Aspect } from '../../../shared/enums.js';
import type { LevelLabel, MinimumRule } from './classification.defaults.js';

export interface SettingsRow {
  reviewMonths: number;
  reminderDays: number;
  levelLabels: LevelLabel[] | null;
  minimumRules: MinimumRule[] | null;
}

export async function findSettings(tx: Tx, tenantId: string): Promise<SettingsRow | null> {
  const rows = await queryRows<SettingsRow>(
    tx,
    sql`select classification_review_months as "reviewMonths", review_reminder_days as "reminderDays",
          level_labels as "levelLabels", minimum_rules as "minimumRules"
        from assessment_settings where tenant_id = ${tenantId}`,
  );
  return rows[0] ?? null;
}

// The row is shared with the risk settings: only the classification columns are written here.
export async function saveSettings(tx: Tx, tenantId: string, values: Partial<SettingsRow>) {
  const set = {
    ...(values.reviewMonths !== undefined ? { classificationReviewMonths: values.reviewMonths } : {}),
    ...(values.reminderDays !== undefined ? { reviewReminderDays: values.reminderDays } : {}),
    ...(values.levelLabels !== undefined ? { levelLabels: values.levelLabels } : {}),
    ...(values.minimumRules !== undefined ? { minimumRules: values.minimumRules } : {}),
  };
  await tx
    .insert(assessmentSettings)
    .values({ tenantId, ...set })
    .onConflictDoUpdate({
      target: assessmentSettings.tenantId,
      set: { ...set, version: sql`${assessmentSettings.version} + 1`, updatedAt: sql`now()` },
    });
}

export interface AssetFactsRow {
  id: string;
  version: number;
  unitId: string;
  secret: boolean;
  personalData: string;
  archived: boolean;
  name: string;
  systemIds: string[];
}

const assetFactsSelect = sql`select a.id, a.version, a.unit_id as "unitId", a.secret, a.personal_data as "personalData",
    a.archived_at is not null as archived, a.name,
    coalesce((select array_agg(l.system_id) from information_asset_systems l where l.tenant_id = a.tenant_id and l.asset_id = a.id), '{}') as "systemIds"
  from information_assets a`;

export async function findAssetFacts(tx: Tx, tenantId: string, id: string, lock = false): Promise<AssetFactsRow | null> {
  const rows = await queryRows<AssetFactsRow>(
    tx,
    sql`${assetFactsSelect} where a.tenant_id = ${tenantId} and a.id = ${id} ${lock ? sql`for update of a` : sql``}`,
  );
  return rows[0] ?? null;
}

export interface AssetClassificationRow {
  id: string;
  assetId: string;
  confidentiality: number;
  integrity: number;
  availability: number;
  traceability: number;
  reasons: Record<Aspect, string>;
  answers: Partial<Record<Aspect, Record<string, number>>> | null;
  participants: string[];
  classifiedById: string | null;
  classifiedByName: string | null;
  classifiedAt: Date;
  nextReviewOn: string;
  supersededAt: Date | null;
}

const classificationSelect = sql`select c.id, c.asset_id as "assetId", c.confidentiality, c.integrity, c.availability, c.traceability,
    c.reasons, c.answers, c.participants, c.classified_by as "classifiedById", u.display_name as "classifiedByName",
    c.classified_at as "classifiedAt", c.next_review_on::text as "nextReviewOn", c.superseded_at as "supersededAt"
  from asset_classifications c left join users u on u.id = c.classified_by`;

export async function assetClassificationsOf(tx: Tx, tenantId: string, assetId: string, currentOnly: boolean) {
  return queryRows<AssetClassificationRow>(
    tx,
    sql`${classificationSelect} where c.tenant_id = ${tenantId} and c.asset_id = ${assetId}
        ${currentOnly ? sql`and c.superseded_at is null` : sql``}
        order by c.classified_at desc, c.superseded_at desc nulls first`,
  );
}

export async function insertAssetClassification(tx: Tx, values: typeof assetClassifications.$inferInsert): Promise<string> {
  await tx.execute(
    sql`update asset_classifications set superseded_at = now()
        where tenant_id = ${values.tenantId} and asset_id = ${values.assetId} and superseded_at is null`,
  );
  const [row] = await tx.insert(assetClassifications).values(values).returning({ id: assetClassifications.id });
  return row!.id;
}

export interface SystemFactsRow {
  id: string;
  version: number;
  unitId: string;
  secret: boolean;
  archived: boolean;
  critical: boolean;
  name: string;
}

export async function findSystemFacts(tx: Tx, tenantId: string, id: string, lock = false): Promise<SystemFactsRow | null> {
  const rows = await queryRows<SystemFactsRow>(
    tx,
    sql`select s.id, s.version, s.responsible_unit_id as "unitId", s.secret, s.archived_at is not null as archived, s.critical, s.name
        from systems s where s.tenant_id = ${tenantId} and s.id = ${id} ${lock ? sql`for update of s` : sql``}`,
  );
  return rows[0] ?? null;
}

export async function setSystemCritical(tx: Tx, tenantId: string, id: string, critical: boolean | undefined) {
  await tx.execute(
    sql`update systems set ${critical === undefined ? sql`` : sql`critical = ${critical},`} version = version + 1, updated_at = now()
        where tenant_id = ${tenantId} and id = ${id}`,
  );
}

// The current classification of every active asset linked to the system, with what its scope needs.
export interface LinkedAssetRow {
  id: string;
  name: string;
  unitId: string;
  secret: boolean;
  systemIds: string[];
  confidentiality: number;
  integrity: number;
  availability: number;
  traceability: number;
}

export async function classifiedAssetsOfSystem(tx: Tx, tenantId: string, systemId: string) {
  return queryRows<LinkedAssetRow>(
    tx,
    sql`select a.id, a.name, a.unit_id as "unitId", a.secret,
          (select array_agg(l2.system_id) from information_asset_systems l2 where l2.tenant_id = a.tenant_id and l2.asset_id = a.id) as "systemIds",
          c.confidentiality, c.integrity, c.availability, c.traceability
        from information_asset_systems l
        join information_assets a on a.tenant_id = l.tenant_id and a.id = l.asset_id and a.archived_at is null
        join asset_classifications c on c.tenant_id = a.tenant_id and c.asset_id = a.id and c.superseded_at is null
        where l.tenant_id = ${tenantId} and l.system_id = ${systemId}
        order by lower(a.name)`,
  );
}

export interface SystemClassificationRow {
  id: string;
  raised: Partial<Record<Aspect, { level: number; reason: string }>>;
  lossConsequence: string | null;
  lossLevel: number | null;
  classifiedById: string | null;
  classifiedByName: string | null;
  classifiedAt: Date;
  nextReviewOn: string;
  supersededAt: Date | null;
}

export async function systemClassificationsOf(tx: Tx, tenantId: string, systemId: string, currentOnly: boolean) {
  return queryRows<SystemClassificationRow>(
    tx,
    sql`select c.id, c.raised, c.loss_consequence as "lossConsequence", c.loss_level as "lossLevel",
          c.classified_by as "classifiedById", u.display_name as "classifiedByName", c.classified_at as "classifiedAt",
          c.next_review_on::text as "nextReviewOn", c.superseded_at as "supersededAt"
        from system_classifications c left join users u on u.id = c.classified_by
        where c.tenant_id = ${tenantId} and c.system_id = ${systemId} ${currentOnly ? sql`and c.superseded_at is null` : sql``}
        order by c.classified_at desc, c.superseded_at desc nulls first`,
  );
}

export async function insertSystemClassification(tx: Tx, values: typeof systemClassifications.$inferInsert) {
  await tx.execute(
    sql`update system_classifications set superseded_at = now()
        where tenant_id = ${values.tenantId} and system_id = ${values.systemId} and superseded_at is null`,
  );
  await tx.insert(systemClassifications).values(values);
}

// Coverage: every readable active asset with its current classification (one query).
export interface CoverageAssetRow {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  secret: boolean;
  personalData: string;
  systemIds: string[];
  levels: Record<Aspect, number> | null;
  nextReviewOn: string | null;
}

const linkedTo = (ids: ReturnType<typeof sql>) =>
  sql`exists (select 1 from information_asset_systems l where l.tenant_id = a.tenant_id and l.asset_id = a.id and l.system_id = any(${ids}))`;

export async function coverageAssets(tx: Tx, actor: Actor) {
  const reach = scopeWhere(actor, 'information-asset', { unitId: sql`a.unit_id`, linkedSystems: linkedTo, secret: sql`a.secret` });
  return queryRows<CoverageAssetRow>(
    tx,
    sql`select a.id, a.name, a.unit_id as "unitId", u.name as "unitName", a.secret, a.personal_data as "personalData",
          coalesce((select array_agg(l.system_id) from information_asset_systems l where l.tenant_id = a.tenant_id and l.asset_id = a.id), '{}') as "systemIds",
          case when c.id is null then null else json_build_object('confidentiality', c.confidentiality, 'integrity', c.integrity,
            'availability', c.availability, 'traceability', c.traceability) end as levels,
          c.next_review_on::text as "nextReviewOn"
        from information_assets a
        join org_units u on u.tenant_id = a.tenant_id and u.id = a.unit_id
        left join asset_classifications c on c.tenant_id = a.tenant_id and c.asset_id = a.id and c.superseded_at is null
        where a.tenant_id = ${actor.tenantId} and a.archived_at is null and ${reach}
        order by lower(a.name), a.id`,
  );
}

export interface CoverageSystemRow {
  id: string;
  name: string;
  unitId: string;
  secret: boolean;
  hasClassification: boolean;
  lossConsequence: string | null;
  nextReviewOn: string | null;
  assetCount: number;
  classifiedAssetCount: number;
}

export async function coverageSystems(tx: Tx, actor: Actor) {
  const reach = scopeWhere(actor, 'system', { unitId: sql`s.responsible_unit_id`, systemId: sql`s.id`, secret: sql`s.secret` });
  return queryRows<CoverageSystemRow>(
    tx,
    sql`select s.id, s.name, s.responsible_unit_id as "unitId", s.secret,
          sc.id is not null as "hasClassification", sc.loss_consequence as "lossConsequence", sc.next_review_on::text as "nextReviewOn",
          (select count(*)::int from information_asset_systems l join information_assets a on a.tenant_id = l.tenant_id and a.id = l.asset_id and a.archived_at is null
            where l.tenant_id = s.tenant_id and l.system_id = s.id) as "assetCount",
          (select count(*)::int from information_asset_systems l join information_assets a on a.tenant_id = l.tenant_id and a.id = l.asset_id and a.archived_at is null
            join asset_classifications c on c.tenant_id = a.tenant_id and c.asset_id = a.id and c.superseded_at is null
            where l.tenant_id = s.tenant_id and l.system_id = s.id) as "classifiedAssetCount"
        from systems s
        left join system_classifications sc on sc.tenant_id = s.tenant_id and sc.system_id = s.id and sc.superseded_at is null
        where s.tenant_id = ${actor.tenantId} and s.archived_at is null and ${reach}
        order by lower(s.name), s.id`,
  );
}
