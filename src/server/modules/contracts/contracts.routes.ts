import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ExportColumn } from '../../platform/export.js';
import { registerListRoutes } from '../../platform/list-routes.js';
import { reachFirst } from '../../platform/reach-first.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { contractCreate, contractListQuery, contractOut, contractPage, contractPatch, type ContractOut } from './contracts.schemas.js';
import type { ContractsService } from './contracts.service.js';
import { contextOf } from '../../platform/auth/plugin.js';

const tags = ['Leverantörer'];

const columns: ExportColumn<ContractOut>[] = [
  { header: { sv: 'Avtal', en: 'Contract' }, value: (c) => c.title, width: 40 },
  { header: { sv: 'Leverantör', en: 'Supplier' }, value: (c) => c.supplier.name, width: 30 },
  { header: { sv: 'Diarienummer', en: 'Reference' }, value: (c) => c.reference, width: 18 },
  { header: { sv: 'Gäller från', en: 'Starts' }, value: (c) => c.startsOn, width: 12 },
  { header: { sv: 'Gäller till', en: 'Ends' }, value: (c) => c.endsOn, width: 12 },
  { header: { sv: 'Kritiskt system', en: 'Critical system' }, value: (c) => c.critical, width: 10 },
  { header: { sv: 'Saknade krav (D1-18)', en: 'Missing clauses (D1-18)' }, value: (c) => c.clauseGaps.join(', '), width: 40 },
  { header: { sv: 'Friskrivningar', en: 'Disclaimers' }, value: (c) => c.disclaimers.join(', '), width: 30 },
  { header: { sv: 'PUB-avtal', en: 'DPA' }, value: (c) => c.dataProcessingAgreement, width: 8 },
  { header: { sv: 'Gemensam upphandling', en: 'Joint procurement' }, value: (c) => c.jointProcurement.join(', '), width: 30 },
  { header: { sv: 'Id', en: 'Id' }, value: (c) => c.id, width: 38 },
];

// D1-18, D1-19, D2-25 and the responsibility matrix: the municipality's supplier contracts.
export const contractsRoutes: FastifyPluginAsyncZod<{ service: ContractsService }> = async (app, { service }) => {
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));
  registerListRoutes(app, {
    resource: 'contract',
    tags,
    title: { sv: 'Avtal', en: 'Contracts' },
    fileName: 'avtal',
    query: contractListQuery,
    page: contractPage,
    list: (ctx, query) => service.list(ctx, query),
    iterate: (ctx, query) => service.iterate(ctx, query),
    columns: () => columns,
  });
  registerRecordRoutes(app, {
    resource: 'contract',
    basePath: '/api/v1/contracts',
    tags,
    noun: 'ett avtal',
    create: contractCreate,
    patch: contractPatch,
    out: contractOut,
    service,
  });
};
