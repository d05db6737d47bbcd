import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { can, viewOf, type Action, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { fieldProblem, forbidden, notFound } from '../../platform/problems.js';
import { incidentScope } from '../incidents/incidents.presenter.js';
import * as repo from './incident-comms.repository.js';
import type {
  CommunicationCreate,
  CommunicationKind,
  CommunicationOut,
  CommunicationsOut,
  DisruptionOut,
} from './incident-comms.schemas.js';
import { presentStakeholder } from './stakeholders.service.js';

type Incident = NonNullable<Awaited<ReturnType<typeof repo.findIncident>>>;
type SystemRef = Awaited<ReturnType<typeof repo.systemsByIds>>[number];

const kindLabel: Record<CommunicationKind, string> = {
  outage: 'Avbrott',
  disruption: 'Störning',
  restored: 'Åtgärdat, fungerar igen',
  other: 'Information',
};

const systemScope = (s: SystemRef) => ({ unitId: s.responsibleUnitId, systemIds: [s.id], secret: s.secret });
const systemVisible = (actor: Actor, s: SystemRef) => viewOf(actor, 'system', systemScope(s)) === 'full';

const stockholm = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long', timeStyle: 'short' }).format(d);

// An incident the actor may read, else 404; for a change also the update right on it, else 403.
async function incidentFor(tx: Tx, actor: Actor, id: string, action: Action, lock = false): Promise<Incident> {
  const row = await repo.findIncident(tx, actor.tenantId, id, lock);
  if (!row || !can(actor, 'read', 'incident', incidentScope(row))) throw notFound();
  if (action !== 'read' && !can(actor, action, 'incident', incidentScope(row))) throw forbidden();
  return row;
}

// The notice as the recipient reads it: the sender's own words for outside readers, the systems
// concerned and who sent it. Nothing from the incident record itself.
function mailOf(kind: CommunicationKind, systemNames: string[], message: string, sentAt: Date, organisation: string) {
  const systems = systemNames.join(', ');
  return {
    subject: `Driftinformation: ${systems}`,
    body:
      `${kindLabel[kind]}: ${systems}\n\n${message}\n\n` +
      `Skickat ${stockholm(sentAt)}${organisation ? ` av ${organisation}` : ''}.\n` +
      `Du får det här meddelandet eftersom du är mottagare av driftinformation om ${systems}.\n`,
  };
}

export function createCommunicationsService(db: Db) {
  async function view(tx: Tx, actor: Actor, incident: Incident): Promise<CommunicationsOut> {
    const t = actor.tenantId;
    // which systems an incident affects is its content: a viewer who sees the incident masked gets no
    // stakeholder list (it would name them); stakeholders of a system this viewer may not see in full
    // stay out, as on the system page
    const masked = viewOf(actor, 'incident', incidentScope(incident)) !== 'full';
    const systems = masked ? [] : await repo.systemsByIds(tx, t, incident.systemIds);
    const byId = new Map(systems.map((s) => [s.id, s]));
    const stakeholders = (
      await repo.stakeholdersOf(
        tx,
        t,
        systems.filter((s) => systemVisible(actor, s)).map((s) => s.id),
      )
    ).map((r) => ({ ...presentStakeholder(r), systemName: byId.get(r.systemId)?.name ?? null }));
    const items: CommunicationOut[] = (await repo.communicationsOf(tx, t, incident.id)).map((c) => ({
      id: c.id,
      kind: c.kind as CommunicationKind,
      message: c.message,
      recipients: c.recipients as repo.Recipient[] as CommunicationOut['recipients'],
      sentAt: c.sentAt.toISOString(),
      sentBy: c.sentById ? { id: c.sentById, displayName: c.sentByName ?? '' } : null,
    }));
    return {
      items,
      stakeholders,
      statusPage: { onStatusPage: incident.onStatusPage, publicStatus: incident.publicStatus },
      canSend: can(actor, 'update', 'incident', incidentScope(incident)),
    };
  }

  return {
    assertReach(ctx: RequestContext, incidentId: string, action: Action): Promise<unknown> {
      return withTenant(db, ctx.actor.tenantId, (tx) => incidentFor(tx, ctx.actor, incidentId, action));
    },

    // The notices are written for outside readers and hold no secret content, so a viewer who sees the
    // incident masked sees them too; no secret-read audit entry is owed.
    async list(ctx: RequestContext, incidentId: string): Promise<CommunicationsOut> {
      return withTenant(db, ctx.actor.tenantId, async (tx) => view(tx, ctx.actor, await incidentFor(tx, ctx.actor, incidentId, 'read')));
    },

    // D1-40: one mail per address to the chosen stakeholders of the incident's systems, and one logged
    // communication with its recipients and time, in the same transaction as its audit entry.
    async send(ctx: RequestContext, incidentId: string, input: CommunicationCreate): Promise<CommunicationsOut> {
      const { actor } = ctx;
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const incident = await incidentFor(tx, actor, incidentId, 'update', true);
        const systems = await repo.systemsByIds(tx, t, incident.systemIds);
        const byId = new Map(systems.map((s) => [s.id, s]));
        const available = await repo.stakeholdersOf(
          tx,
          t,
          systems.filter((s) => systemVisible(actor, s)).map((s) => s.id),
        );
        let chosen = available;
        if (input.stakeholderIds) {
          const wanted = new Set(input.stakeholderIds);
          chosen = available.filter((s) => wanted.has(s.id));
          if (chosen.length !== wanted.size)
            throw fieldProblem(
              'stakeholderIds',
              'unknown_reference',
              'En av mottagarna hör inte till incidentens IT-system.',
              'One of the recipients does not belong to the incident’s IT systems.',
            );
        }
        // one mail per address, naming every system the address is a stakeholder of
        const perAddress = new Map<string, { recipient: repo.Recipient; systemIds: Set<string> }>();
        for (const s of chosen) {
          if (!s.email) continue;
          const key = s.email.toLowerCase();
          const entry = perAddress.get(key) ?? {
            recipient: { stakeholderId: s.id, name: s.name, email: s.email, kind: s.kind },
            systemIds: new Set<string>(),
          };
          entry.systemIds.add(s.systemId);
          perAddress.set(key, entry);
        }
        if (perAddress.size === 0)
          throw fieldProblem(
            'stakeholderIds',
            'no_recipients',
            'Det finns ingen mottagare med e-postadress. Lägg till intressenter på IT-systemets sida.',
            'There is no recipient with an e-mail address. Add stakeholders on the IT system’s page.',
          );
        const sentAt = new Date();
        const organisation = await repo.tenantName(tx, t);
        await repo.queueMail(
          tx,
          [...perAddress.values()].map(({ recipient, systemIds }) => ({
            tenantId: t,
            toAddress: recipient.email,
            ...(({ subject, body }) => ({ subject, body }))(
              mailOf(
                input.kind,
                [...systemIds].map((id) => byId.get(id)!.name),
                input.message,
                sentAt,
                organisation,
              ),
            ),
          })),
        );
        const recipients = [...perAddress.values()].map((e) => e.recipient);
        const row = await repo.insertCommunication(tx, {
          tenantId: t,
          incidentId: incident.id,
          kind: input.kind,
          message: input.message,
          recipients,
          sentBy: actor.userId,
        });
        // the status page follows when asked; a "restored" notice takes the incident off it unless told otherwise
        const show = input.showOnStatusPage ?? (input.kind === 'restored' ? false : undefined);
        if (show !== undefined || input.publicStatus !== undefined) {
          await repo.setStatusPage(tx, t, incident.id, {
            onStatusPage: show ?? incident.onStatusPage,
            publicStatus: input.publicStatus !== undefined ? input.publicStatus : incident.publicStatus,
          });
        }
        await recordAudit(tx, ctx, {
          action: 'incident.communication-send',
          entityType: 'incident',
          entityId: incident.id,
          after: {
            communication: { id: row.id, kind: input.kind, message: input.message, recipients: recipients.map((r) => r.email) },
            ...(show !== undefined ? { onStatusPage: show } : {}),
            ...(input.publicStatus !== undefined ? { publicStatus: input.publicStatus } : {}),
          },
        });
        return view(tx, actor, (await repo.findIncident(tx, t, incident.id))!);
      });
    },

    // D1-40: the internal status page. Only what was written for it: the systems (by name where the
    // viewer may see them), the status line, the kind and since when. Never an incident's title or text.
    async disruptions(ctx: RequestContext): Promise<{ items: DisruptionOut[] }> {
      const { actor } = ctx;
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const rows = await repo.ongoingOnStatusPage(tx, t);
        const systems = await repo.systemsByIds(tx, t, [...new Set(rows.flatMap((r) => r.systemIds))]);
        const byId = new Map(systems.map((s) => [s.id, s]));
        const items = rows.map((r) => {
          const affected = r.systemIds.map((id) => byId.get(id)).filter((s): s is SystemRef => s !== undefined);
          const named = affected.filter((s) => systemVisible(actor, s));
          return {
            incidentId: can(actor, 'read', 'incident', incidentScope(r)) ? r.id : null,
            kind: r.type as DisruptionOut['kind'],
            systems: named.map((s) => ({ id: s.id, name: s.name })),
            otherSystems: affected.length - named.length,
            publicStatus: r.publicStatus,
            since: (r.outageStartedAt ?? r.createdAt).toISOString(),
            updatedAt: r.updatedAt.toISOString(),
          };
        });
        return { items };
      });
    },
  };
}

export type CommunicationsService = ReturnType<typeof createCommunicationsService>;
