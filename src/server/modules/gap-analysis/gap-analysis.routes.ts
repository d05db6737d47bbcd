import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action } from '../../platform/access.js';
import { contextOf } from '../../platform/auth/plugin.js';
import { sendXlsx, type ExportColumn } from '../../platform/export.js';
import { etagOf, idParams, requireIfMatch } from '../../platform/http.js';
import { requestLang } from '../../platform/language.js';
import { notFound } from '../../platform/problems.js';
import { gapAnalysisOut, gapAssessIn, gapItem, gapParams, gapQuery, type GapItem } from './gap-analysis.schemas.js';
import type { GapAnalysisService } from './gap-analysis.service.js';

const tags = ['Gap-analys'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sv = {
  aspect: { confidentiality: 'K', integrity: 'R', availability: 'T', traceability: 'S' },
  kind: { organisation: 'ÄR', procurement: 'SKA' },
  area: { administrative: 'Administrativt', physical: 'Fysiskt', technical: 'Tekniskt' },
  status: { exists: 'Finns', partly: 'Delvis', missing: 'Saknas', not_applicable: 'Ej tillämpligt' },
  deficiency: { negligible: 'Försumbar', moderate: 'Måttlig', significant: 'Betydande', serious: 'Allvarlig' },
} as const;
const en = {
  aspect: sv.aspect,
  kind: sv.kind,
  area: { administrative: 'Administrative', physical: 'Physical', technical: 'Technical' },
  status: { exists: 'Exists', partly: 'Partly', missing: 'Missing', not_applicable: 'Not applicable' },
  deficiency: { negligible: 'Negligible', moderate: 'Moderate', significant: 'Significant', serious: 'Serious' },
} as const;

const columns: ExportColumn<GapItem>[] = [
  { header: { sv: 'Kod', en: 'Code' }, value: (i) => i.requirement.code, width: 14 },
  { header: { sv: 'Krav', en: 'Requirement' }, value: (i) => i.requirement.text, width: 70 },
  { header: { sv: 'Aspekt', en: 'Aspect' }, value: (i, l) => (l === 'sv' ? sv : en).aspect[i.requirement.aspect], width: 8 },
  { header: { sv: 'Från nivå', en: 'From level' }, value: (i) => i.requirement.minLevel, width: 10 },
  { header: { sv: 'Typ', en: 'Kind' }, value: (i, l) => (l === 'sv' ? sv : en).kind[i.requirement.kind], width: 8 },
  { header: { sv: 'Område', en: 'Area' }, value: (i, l) => (l === 'sv' ? sv : en).area[i.requirement.area], width: 16 },
  {
    header: { sv: 'Status', en: 'Status' },
    value: (i, l) => (i.assessment ? (l === 'sv' ? sv : en).status[i.assessment.status] : l === 'sv' ? 'Ej bedömt' : 'Not assessed'),
    width: 14,
  },
  {
    header: { sv: 'Brist', en: 'Deficiency' },
    value: (i, l) => (i.assessment?.deficiency ? (l === 'sv' ? sv : en).deficiency[i.assessment.deficiency] : null),
    width: 14,
  },
  { header: { sv: 'Hur kravet uppfylls', en: 'How it is met' }, value: (i) => i.assessment?.howMet ?? null, width: 50 },
  {
    header: { sv: 'Skäl (ej tillämpligt)', en: 'Reason (not applicable)' },
    value: (i) => i.assessment?.notApplicableReason ?? null,
    width: 40,
  },
  { header: { sv: 'Belägg (länk)', en: 'Evidence (link)' }, value: (i) => i.assessment?.evidenceUrl ?? null, width: 40 },
  { header: { sv: 'Åtgärd', en: 'Measure' }, value: (i) => i.assessment?.measure?.title ?? null, width: 40 },
  { header: { sv: 'Bedömd', en: 'Assessed' }, value: (i) => i.assessment?.assessedAt.slice(0, 10) ?? null, width: 12 },
];

const ifMatch = (req: FastifyRequest) => (typeof req.headers['if-match'] === 'string' ? requireIfMatch(req) : null);

// The gap analysis hangs under the system it describes and follows the system's access: reading it
// needs system read, assessing it system update on that system.
export const gapAnalysisRoutes: FastifyPluginAsyncZod<{ service: GapAnalysisService }> = async (app, { service }) => {
  app.addHook('preValidation', async (req) => {
    const id = (req.params as { id?: string } | undefined)?.id;
    const policy = req.routeOptions.config.policy;
    if (id === undefined || typeof policy !== 'object') return;
    if (!UUID.test(id)) throw notFound();
    await service.assertReach(contextOf(req), id, policy.action as Action);
  });

  app.get(
    '/:id/gap-analysis',
    {
      config: { policy: { resource: 'system', action: 'read' } },
      schema: {
        tags,
        summary: 'Systemets gap-analys: de krav som gäller vid systemets skyddsnivå och hur de uppfylls (D2-24, D1-23)',
        params: idParams,
        querystring: gapQuery,
        response: { 200: gapAnalysisOut },
      },
    },
    async (req) => service.get(contextOf(req), req.params.id, req.query),
  );

  app.get(
    '/:id/gap-analysis/export.xlsx',
    {
      config: { policy: { resource: 'system', action: 'read' } },
      schema: { tags, summary: 'Gap-analysen som Excel', params: idParams, querystring: gapQuery },
    },
    async (req, reply) => {
      const lang = requestLang(req);
      const out = await service.exportRows(contextOf(req), req.params.id, req.query);
      const rows = (async function* () {
        yield* out.items;
      })();
      return sendXlsx(reply, 'gap-analys.xlsx', lang === 'sv' ? 'Gap-analys' : 'Gap analysis', lang, columns, rows);
    },
  );

  app.put(
    '/:id/gap-analysis/:requirementId',
    {
      config: { policy: { resource: 'system', action: 'update' } },
      schema: {
        tags,
        summary:
          'Bedöm ett krav för systemet. Delvis/saknas skapar en åtgärd (D2-24) om ingen finns och createMeasure inte är false. If-Match med bedömningens version är valfritt.',
        params: gapParams,
        body: gapAssessIn,
        response: { 200: gapItem },
      },
    },
    async (req, reply) => {
      const { id, requirementId } = req.params;
      const item = await service.assess(contextOf(req), id, requirementId, ifMatch(req), req.body);
      return reply.header('etag', etagOf(item.assessment!.version)).send(item);
    },
  );
};
