import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, type Actor } from '../../platform/access.js';
import { recordAudit, systemContext, type RequestContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { fieldProblem, notFound, Problem } from '../../platform/problems.js';
import { riskTreatments, type RiskTreatment } from '../../../shared/enums.js';
import { addToGrid, emptyGrid, riskBands, scoreOf, type MatrixSize } from '../../../shared/risk-matrix.js';
import type { CompareOut, SnapshotData, SnapshotOut, SnapshotRisk } from './risks.schemas.js';

// The risk picture of the whole tenant in one year, frozen (the table takes no updates), so reports
// over a mandate period can say how it changed. A snapshot holds counts and per-risk levels, never
// the text of a secret-marked risk.

interface Row {
  id: string;
  analysis_id: string;
  matrix_size: number;
  title: string;
  secret: boolean;
  l: number;
  c: number;
  rl: number | null;
  rc: number | null;
  treatment: RiskTreatment | null;
  status: 'open' | 'closed';
  approved: boolean;
}

export async function pictureOf(tx: Tx, tenantId: string): Promise<SnapshotData> {
  const rows = await queryRows<Row>(
    tx,
    sql`select r.id, r.analysis_id, a.matrix_size, r.title, (r.secret or a.secret) as secret, r.likelihood as l, r.consequence as c,
      r.residual_likelihood as rl, r.residual_consequence as rc, r.treatment, r.status, r.approved_at is not null as approved
      from risks r join risk_analyses a on a.tenant_id = r.tenant_id and a.id = r.analysis_id
      where r.tenant_id = ${tenantId} and r.archived_at is null and a.archived_at is null order by r.created_at, r.id`,
  );
  const counts = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
  const data: SnapshotData = {
    total: rows.length,
    open: 0,
    closed: 0,
    inherent: counts(riskBands),
    residual: counts([...riskBands, 'unassessed']),
    treatments: counts([...riskTreatments, 'none']),
    cells: {
      '4': { inherent: emptyGrid(4), residual: emptyGrid(4) },
      '5': { inherent: emptyGrid(5), residual: emptyGrid(5) },
    },
    risks: [],
  };
  for (const r of rows) {
    const size = (r.matrix_size === 5 ? 5 : 4) as MatrixSize;
    const inherent = scoreOf(r.l, r.c, size)!;
    const residual = scoreOf(r.rl, r.rc, size);
    data[r.status]++;
    data.inherent[inherent.band]!++;
    data.residual[residual?.band ?? 'unassessed']!++;
    data.treatments[r.treatment ?? 'none']!++;
    const cells = data.cells[String(size)]!;
    addToGrid(cells.inherent, size, r.l, r.c);
    if (residual) addToGrid(cells.residual, size, residual.likelihood, residual.consequence);
    const entry: SnapshotRisk = {
      id: r.id,
      analysisId: r.analysis_id,
      matrixSize: size,
      title: r.secret ? null : r.title,
      secret: r.secret,
      inherent,
      residual,
      treatment: r.treatment,
      status: r.status,
      approved: r.approved,
    };
    data.risks.push(entry);
  }
  return data;
}

interface SnapshotRow {
  id: string;
  year: number;
  taken_at: Date | string;
  taken_by: string | null;
  taken_by_name: string | null;
  data: SnapshotData;
}

const present = (r: SnapshotRow): SnapshotOut => ({
  id: r.id,
  year: r.year,
  takenAt: new Date(r.taken_at).toISOString(),
  takenBy: r.taken_by ? { id: r.taken_by, name: r.taken_by_name ?? '' } : null,
  data: r.data,
});

const selectSnapshots = (tenantId: string, where = sql``) =>
  sql`select s.id, s.year, s.taken_at, s.taken_by, (select u.display_name from users u where u.id = s.taken_by) as taken_by_name, s.data
    from risk_snapshots s where s.tenant_id = ${tenantId} ${where} order by s.year desc`;

// The snapshot covers every risk of the tenant, so reading it needs a tenant-wide read grant: a
// unit's system owner sees the picture of its own risks through the heat map instead.
function assertTenantWide(actor: Actor, action: 'read' | 'create') {
  assertCan(actor, action, 'risk');
  if (!can(actor, action, 'risk', { unitId: null, systemIds: [] })) throw action === 'read' ? notFound() : new Problem('forbidden');
}
const tenantWide = (actor: Actor) => can(actor, 'read', 'risk', { unitId: null, systemIds: [] });

const exists = () =>
  new Problem('conflict', {
    sv: 'Det finns redan en ögonblicksbild för det året. En tagen bild ändras inte.',
    en: 'A snapshot of that year already exists. A snapshot once taken does not change.',
  });

export async function insertSnapshot(tx: Tx, ctx: RequestContext, year: number): Promise<string | null> {
  const t = ctx.actor.tenantId;
  const data = await pictureOf(tx, t);
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`insert into risk_snapshots (tenant_id, year, taken_by, data) values (${t}, ${year}, ${ctx.actor.userId || null}, ${JSON.stringify(data)}::jsonb)
      on conflict (tenant_id, year) do nothing returning id`,
  );
  if (!row) return null;
  await recordAudit(tx, ctx, {
    action: 'risk-snapshot.create',
    entityType: 'risk',
    entityId: row.id,
    after: { year, total: data.total, open: data.open, inherent: data.inherent, residual: data.residual },
  });
  return row.id;
}

type Diff = CompareOut['inherent'];
function diffOf(from: Record<string, number>, to: Record<string, number>): Diff {
  const out: Diff = {};
  for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const a = from[k] ?? 0;
    const b = to[k] ?? 0;
    out[k] = { from: a, to: b, change: b - a };
  }
  return out;
}

export function compareSnapshots(from: SnapshotOut, to: SnapshotOut): CompareOut {
  const before = new Map(from.data.risks.map((r) => [r.id, r]));
  const after = new Map(to.data.risks.map((r) => [r.id, r]));
  return {
    from: from.year,
    to: to.year,
    inherent: diffOf(from.data.inherent, to.data.inherent),
    residual: diffOf(from.data.residual, to.data.residual),
    treatments: diffOf(from.data.treatments, to.data.treatments),
    status: diffOf({ open: from.data.open, closed: from.data.closed }, { open: to.data.open, closed: to.data.closed }),
    newRisks: to.data.risks.filter((r) => !before.has(r.id)).map((r) => ({ id: r.id, title: r.title })),
    // open in the first year and closed, archived or gone in the second
    closedRisks: from.data.risks
      .filter((r) => r.status === 'open' && after.get(r.id)?.status !== 'open')
      .map((r) => ({ id: r.id, title: after.get(r.id)?.title ?? r.title })),
  };
}

export function createRiskSnapshotsService(db: Db) {
  const byYear = (tx: Tx, t: string, year: number) => queryRows<SnapshotRow>(tx, selectSnapshots(t, sql`and s.year = ${year}`));
  return {
    // Only last year: a snapshot of the running year would freeze a half-year picture and block the one
    // the January job takes of the whole year, and the content is always today's risk picture, so an
    // older year would be labelled with a picture it never had.
    async create(ctx: RequestContext, year: number): Promise<SnapshotOut> {
      assertTenantWide(ctx.actor, 'create');
      const lastYear = Number(stockholmToday().slice(0, 4)) - 1;
      if (year !== lastYear)
        throw fieldProblem(
          'year',
          'not_last_year',
          `Bara förra året (${lastYear}) kan frysas. Bilden visar riskerna som de ser ut i dag, så den kan inte gälla ett tidigare år, och årets bild tas automatiskt i januari nästa år.`,
          `Only last year (${lastYear}) can be frozen. The snapshot shows the risks as they are today, so it cannot stand for an earlier year, and this year's picture is taken automatically next January.`,
        );
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const id = await insertSnapshot(tx, ctx, year);
        if (!id) throw exists();
        return present((await byYear(tx, t, year))[0]!);
      });
    },

    async list({ actor }: RequestContext) {
      assertCan(actor, 'read', 'risk');
      if (!tenantWide(actor)) return { items: [] };
      const rows = await withTenant(db, actor.tenantId, (tx) => queryRows<SnapshotRow>(tx, selectSnapshots(actor.tenantId)));
      return { items: rows.map((r) => ({ ...present(r), data: undefined, total: r.data.total, open: r.data.open })) };
    },

    async get({ actor }: RequestContext, id: string): Promise<SnapshotOut> {
      assertTenantWide(actor, 'read');
      const [row] = await withTenant(db, actor.tenantId, (tx) =>
        queryRows<SnapshotRow>(tx, selectSnapshots(actor.tenantId, sql`and s.id = ${id}`)),
      );
      if (!row) throw notFound();
      return present(row);
    },

    async compare({ actor }: RequestContext, from: number, to: number): Promise<CompareOut> {
      assertTenantWide(actor, 'read');
      const [a, b] = await withTenant(db, actor.tenantId, async (tx) => [
        (await byYear(tx, actor.tenantId, from))[0],
        (await byYear(tx, actor.tenantId, to))[0],
      ]);
      if (!a || !b)
        throw new Problem('not-found', {
          sv: `Det finns ingen ögonblicksbild för ${!a ? from : to}.`,
          en: `There is no snapshot for ${!a ? from : to}.`,
        });
      return compareSnapshots(present(a), present(b));
    },
  };
}

export type RiskSnapshotsService = ReturnType<typeof createRiskSnapshotsService>;

// The yearly job: in January, the previous year's picture for every tenant with risk analyses that
// has none yet. One runner at a time across instances (advisory lock held by the outer transaction);
// each tenant's snapshot in its own savepoint, so one tenant's failure is logged and rolls back only
// its own snapshot. Idempotent.
export async function takeYearlySnapshots(
  db: Db,
  now = new Date(),
  opts: { onError?: (tenantId: string, err: unknown) => void; insert?: typeof insertSnapshot } = {},
): Promise<number> {
  const [y, m] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number) as [number, number];
  if (m !== 1) return 0;
  const year = y - 1;
  const insert = opts.insert ?? insertSnapshot;
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(7261021) as ok`);
    if (!lock?.ok) return 0;
    const tenants = await queryRows<{ id: string }>(
      tx,
      sql`select t.id from tenants t where exists (select 1 from risk_analyses a where a.tenant_id = t.id)
        and not exists (select 1 from risk_snapshots s where s.tenant_id = t.id and s.year = ${year}) order by t.id`,
    );
    let taken = 0;
    for (const t of tenants) {
      try {
        const id = await tx.transaction(async (sp) => {
          await sp.execute(sql`select set_config('app.tenant_id', ${t.id}, true), set_config('role', 'tillit_app', true)`);
          return insert(sp, systemContext(t.id, randomUUID()), year);
        });
        if (id) taken++;
      } catch (err) {
        opts.onError?.(t.id, err);
      }
    }
    return taken;
  });
}
