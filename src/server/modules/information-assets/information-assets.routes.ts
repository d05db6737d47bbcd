import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerListRoutes } from '../../platform/list-routes.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { assetExportColumns } from './information-assets.export.js';
import { assetCreate, assetListQuery, assetOut, assetPage, assetPatch } from './information-assets.schemas.js';
import type { InformationAssetsService } from './information-assets.service.js';

const tags = ['Informationstillgångar'];

export const informationAssetsRoutes: FastifyPluginAsyncZod<{ service: InformationAssetsService }> = async (app, { service }) => {
  registerListRoutes(app, {
    resource: 'information-asset',
    tags,
    title: { sv: 'Informationstillgångar', en: 'Information assets' },
    fileName: 'informationstillgangar',
    query: assetListQuery,
    page: assetPage,
    list: (actor, query) => service.list(actor, query),
    iterate: (actor, query) => service.iterate(actor, query),
    columns: () => assetExportColumns,
  });

  registerRecordRoutes(app, {
    resource: 'information-asset',
    basePath: '/api/v1/information-assets',
    tags,
    noun: 'en informationstillgång',
    create: assetCreate,
    patch: assetPatch,
    out: assetOut,
    service,
  });
};
