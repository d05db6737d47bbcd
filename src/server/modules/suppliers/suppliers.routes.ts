import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list-routes.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { supplierExportColumns } from './suppliers.export.js';
import { supplierCreate, supplierListQuery, supplierOut, supplierPage, supplierPatch } from './suppliers.schemas.js';
import type { SuppliersService } from './suppliers.service.js';

const tags = ['Leverantörer'];

export const suppliersRoutes: FastifyPluginAsyncZod<{ service: SuppliersService }> = async (app, { service }) => {
  registerListRoutes(app, {
    resource: 'supplier',
    tags,
    title: { sv: 'Leverantörer', en: 'Suppliers' },
    fileName: 'leverantorer',
    query: supplierListQuery,
    page: supplierPage,
    list: (ctx, query) => service.list(ctx, query),
    iterate: (ctx, query) => service.iterate(ctx, query),
    columns: () => supplierExportColumns,
  });

  // D0-11: "our list of authorised orderers is still correct" (supplier admin or coordinator)
  app.post(
    '/:id/orderers-confirmation',
    {
      config: { policy: { resource: 'supplier', action: 'update' } },
      schema: {
        tags,
        summary: 'Bekräfta att listan över behöriga beställare är aktuell (kräver If-Match)',
        params: idParams,
        response: { 200: supplierOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.confirmOrderers(contextOf(req), req.params.id, requireIfMatch(req))),
  );

  registerRecordRoutes(app, {
    resource: 'supplier',
    basePath: '/api/v1/suppliers',
    tags,
    noun: 'en leverantör',
    create: supplierCreate,
    patch: supplierPatch,
    out: supplierOut,
    service,
  });
};
