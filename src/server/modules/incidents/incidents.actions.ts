import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, viewOf, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import type { Lang } from '../../platform/language.js';
import { fieldProblem, forbidden, notFound, Problem } from '../../platform/problems.js';
import { insertMeasure } from '../measures/measures.create.js';
import { isActiveMember } from '../measures/measures.repository.js';
import { auditView, detailOf, lockedForChange, readable } from './incidents.load.js';
import { incidentScope, presentEntry } from './incidents.presenter.js';
import * as repo from './incidents.repository.js';
import type {
  EntryCreate,
  EntryOut,
  EscalationCreate,
  IncidentMeasureCreate,
  IncidentOut,
  SummaryOut,
  SummaryQuery,
} from './incidents.schemas.js';

// A clock skew allowance: an entry "now" from a client a little ahead of the server is still now.
const FUTURE_SLACK_MS = 5 * 60_000;

const closedConflict = () =>
  new Problem('conflict', {
    sv: 'Incidenten är stängd. Öppna den igen för att lägga till i tidslinjen.',
    en: 'The incident is closed. Reopen it to add to the timeline.',
  });

async function appendEntry(tx: Tx, ctx: RequestContext, incidentId: string, e: Parameters<typeof repo.insertEntry>[1]): Promise<EntryOut> {
  const id = await repo.insertEntry(tx, e);
  // the entry is part of the incident: a secret incident's entry text is hashed in the trail
  const row = (await repo.findIncident(tx, ctx.actor.tenantId, incidentId))!;
  await recordAudit(tx, ctx, {
    action: 'incident.entry',
    entityType: 'incident',
    entityId: incidentId,
    after: { entryId: id, kind: e.kind, party: e.party ?? 'municipality', text: e.text, secret: row.secret },
  });
  const [entry] = (await repo.entriesOf(tx, ctx.actor.tenantId, incidentId)).filter((x) => x.id === id);
  return presentEntry(entry!);
}

export function createIncidentActions(db: Db) {
  // A change to the incident record with its own timeline entry (continuity, escalation): If-Match, audited.
  const tracked = (
    ctx: RequestContext,
    id: string,
    version: number,
    lang: Lang,
    action: string,
    change: (tx: Tx, row: repo.IncidentDetailRow) => Promise<{ values: repo.IncidentValues; entry: string }>,
  ): Promise<IncidentOut> => {
    const { actor } = ctx;
    return withTenant(db, actor.tenantId, async (tx) => {
      const row = await lockedForChange(tx, actor, id, version);
      assertCan(actor, 'update', 'incident', incidentScope(row));
      const { values, entry } = await change(tx, row);
      await repo.updateIncident(tx, actor.tenantId, id, values);
      await repo.insertEntry(tx, { tenantId: actor.tenantId, incidentId: id, kind: 'action', text: entry, authorId: actor.userId || null });
      const after = (await repo.findIncident(tx, actor.tenantId, id))!;
      await recordAudit(tx, ctx, { action, entityType: 'incident', entityId: id, before: auditView(row), after: auditView(after) });
      return detailOf(tx, actor, after, lang);
    });
  };

  return {
    // The handler's timeline: actions by either party (D0-30) and, once a crisis is open, the crisis log (D1-36).
    async addEntry(ctx: RequestContext, id: string, input: EntryCreate): Promise<EntryOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'incident');
      return withTenant(db, actor.tenantId, async (tx) => {
        const row = await readable(tx, actor, id);
        assertCan(actor, 'update', 'incident', incidentScope(row));
        const kind = input.kind ?? 'action';
        if (kind === 'crisis' && !row.crisisAt)
          throw fieldProblem(
            'kind',
            'no_crisis',
            'Krisloggen öppnas när incidenten bedöms ha omfattande påverkan. Skriv en vanlig åtgärd i stället.',
            'The crisis log opens when the incident is assessed as having an extensive impact. Add an ordinary action instead.',
          );
        const at = input.at ? new Date(input.at) : undefined;
        if (at && at.getTime() > Date.now() + FUTURE_SLACK_MS)
          throw fieldProblem('at', 'in_future', 'Tidpunkten kan inte ligga i framtiden.', 'The time cannot be in the future.');
        if (row.status === 'closed') throw closedConflict();
        return appendEntry(tx, ctx, id, {
          tenantId: actor.tenantId,
          incidentId: id,
          kind,
          text: input.text,
          party: input.party ?? 'municipality',
          authorId: actor.userId || null,
          ...(at ? { at } : {}),
        });
      });
    },

    // D0-30: the reporter (a supplier user, say) adds what they did or found to their own report.
    async addReporterEntry(ctx: RequestContext, id: string, text: string): Promise<EntryOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'incident');
      return withTenant(db, actor.tenantId, async (tx) => {
        const row = await repo.findIncident(tx, actor.tenantId, id);
        if (!row || !actor.userId || row.reportedBy !== actor.userId) throw notFound();
        if (row.status === 'closed') throw closedConflict();
        const supplier = actor.grants.some((g) => g.scope.type === 'supplier');
        return appendEntry(tx, ctx, id, {
          tenantId: actor.tenantId,
          incidentId: id,
          kind: 'action',
          text,
          party: supplier ? 'supplier' : 'municipality',
          authorId: actor.userId,
        });
      });
    },

    // D1-33: a measure from the incident's conclusions, linked back through origin 'incident'.
    async addMeasure(ctx: RequestContext, id: string, input: IncidentMeasureCreate) {
      const { actor } = ctx;
      assertCan(actor, 'create', 'measure');
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const row = await readable(tx, actor, id);
        const scope = { unitId: row.handlingUnitId, systemIds: row.systemIds.slice(0, 1), secret: row.secret };
        if (viewOf(actor, 'incident', incidentScope(row)) !== 'full') throw forbidden();
        assertCan(actor, 'create', 'measure', scope);
        if (input.ownerUserId && !(await isActiveMember(tx, t, input.ownerUserId)))
          throw fieldProblem(
            'ownerUserId',
            'unknown_user',
            'Personen finns inte i kommunen.',
            'The person is not a member of the municipality.',
          );
        const measureId = await insertMeasure(tx, ctx, {
          title: input.title,
          description: input.description ?? null,
          origin: 'incident',
          originId: id,
          unitId: row.handlingUnitId,
          systemId: row.systemIds[0] ?? null,
          ownerUserId: input.ownerUserId ?? null,
          dueOn: input.dueOn ?? null,
          ...(input.priority ? { priority: input.priority } : {}),
          secret: row.secret,
          secrecyProvision: row.secret ? (row.secrecyProvision ?? null) : null,
        });
        return { id: measureId, title: input.title, status: 'proposed' };
      });
    },

    // D1-26: the accepted outage time was exceeded and the continuity plan and emergency operation start.
    activateContinuity(ctx: RequestContext, id: string, version: number, note: string | null | undefined, lang: Lang) {
      return tracked(ctx, id, version, lang, 'incident.continuity-activated', async (_tx, row) => {
        if (row.continuityActivatedAt)
          throw new Problem('conflict', {
            sv: 'Kontinuitetsplanen är redan aktiverad för incidenten.',
            en: 'The continuity plan is already activated for the incident.',
          });
        return {
          values: { continuityActivatedAt: new Date() },
          entry: `Kontinuitetsplanen och nöddriften aktiverades.${note ? ` ${note}` : ''}`,
        };
      });
    },

    // D0-31: the system's contact passes the fault on to the operations party (e.g. Unikom).
    escalate(ctx: RequestContext, id: string, version: number, input: EscalationCreate, lang: Lang) {
      return tracked(ctx, id, version, lang, 'incident.escalate', async () => ({
        values: { escalatedAt: new Date(), escalatedTo: input.escalatedTo },
        entry: `Ärendet eskalerades till ${input.escalatedTo}.${input.note ? ` ${input.note}` : ''}`,
      }));
    },

    // D1-34 / D1-72: counts for the follow-up, no content. Systems are attributed only where the actor
    // sees the incident in full (what an incident affects is its content).
    async summary({ actor }: RequestContext, q: SummaryQuery): Promise<SummaryOut> {
      assertCan(actor, 'read', 'incident');
      return withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.summaryRows(tx, actor, q.from, q.to);
        const tally = (key: (r: repo.SummaryRow) => string) => {
          const m = new Map<string, number>();
          for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
          return [...m.entries()].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
        };
        const bySystem = new Map<string, number>();
        for (const r of rows.filter((x) => fullView(actor, x)))
          for (const s of new Set(r.systemIds)) bySystem.set(s, (bySystem.get(s) ?? 0) + 1);
        const systems = new Map((await repo.systemsByIds(tx, actor.tenantId, [...bySystem.keys()])).map((s) => [s.id, s]));
        return {
          from: q.from ?? null,
          to: q.to ?? null,
          total: rows.length,
          crises: rows.filter((r) => r.crisis).length,
          byType: tally((r) => r.type),
          bySeverity: tally((r) => r.severity ?? 'unassessed'),
          byStatus: tally((r) => r.status),
          byMonth: tally((r) => r.month).sort((a, b) => a.key.localeCompare(b.key)),
          bySystem: [...bySystem.entries()]
            .map(([systemId, count]) => {
              const s = systems.get(systemId);
              const shown = s && viewOf(actor, 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }) === 'full';
              return { systemId, name: shown ? s.name : null, count };
            })
            .sort((a, b) => b.count - a.count || a.systemId.localeCompare(b.systemId)),
        };
      });
    },
  };
}

const fullView = (actor: Actor, r: repo.SummaryRow) =>
  viewOf(
    actor,
    'incident',
    incidentScope({ handlingUnitId: r.unitId, systemIds: r.systemIds, reporterSupplierId: r.supplierId, secret: r.secret }),
  ) === 'full';

export type IncidentActions = ReturnType<typeof createIncidentActions>;
