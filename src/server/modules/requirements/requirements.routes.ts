import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import type { ExportColumn } from '../../platform/export.js';
import { registerListRoutes } from '../../platform/list-routes.js';
import { fieldProblem, Problem } from '../../platform/problems.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { MAX_IMPORT_BYTES, type ImportFile } from './requirements.import.js';
import {
  importQuery,
  importResult,
  requirementCreate,
  requirementListQuery,
  requirementOut,
  requirementPage,
  requirementPatch,
  starterResult,
  type RequirementOut,
} from './requirements.schemas.js';
import type { RequirementsService } from './requirements.service.js';

const tags = ['Kravkatalog'];

const aspectLabel = { confidentiality: 'K', integrity: 'R', availability: 'T', traceability: 'S' } as const;
const kindLabel = { organisation: 'ÄR', procurement: 'SKA' } as const;
const areaLabel = {
  administrative: { sv: 'Administrativt', en: 'Administrative' },
  physical: { sv: 'Fysiskt', en: 'Physical' },
  technical: { sv: 'Tekniskt', en: 'Technical' },
} as const;

// The export uses the import's own headers and short values, so a catalogue can go out and back in.
const columns: ExportColumn<RequirementOut>[] = [
  { header: { sv: 'Kod', en: 'Code' }, value: (r) => r.code, width: 14 },
  { header: { sv: 'Krav', en: 'Text' }, value: (r) => r.text, width: 70 },
  { header: { sv: 'Aspekt', en: 'Aspect' }, value: (r) => aspectLabel[r.aspect], width: 8 },
  { header: { sv: 'Nivå', en: 'Level' }, value: (r) => r.minLevel, width: 8 },
  { header: { sv: 'Typ', en: 'Kind' }, value: (r) => kindLabel[r.kind], width: 8 },
  { header: { sv: 'Område', en: 'Area' }, value: (r, lang) => areaLabel[r.area][lang], width: 16 },
  { header: { sv: 'Vägledning', en: 'Guidance' }, value: (r) => r.guidance, width: 50 },
  { header: { sv: 'Källa', en: 'Source' }, value: (r) => r.source, width: 20 },
  { header: { sv: 'Arkiverad', en: 'Archived' }, value: (r) => r.archived, width: 10 },
];

const noFile = () => fieldProblem('file', 'required', 'Välj en fil med kravkatalogen.', 'Choose a file with the requirement catalogue.');

const tooLarge = () =>
  new Problem('payload-too-large', {
    sv: `Filen är för stor. Den får vara högst ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
    en: `The file is too large. It may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
  });

async function readUpload(req: FastifyRequest): Promise<ImportFile> {
  if (!req.isMultipart()) throw noFile();
  let fileName: string;
  let content: Buffer;
  try {
    const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0 } });
    if (!part) throw noFile();
    fileName = part.filename;
    content = await part.toBuffer();
  } catch (err) {
    if (err instanceof Problem) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    const status = (err as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw err;
    throw new Problem('bad-request', { sv: 'Filen kom inte fram hel. Försök igen.', en: 'The file did not arrive whole. Try again.' });
  }
  if (content.length === 0) throw fieldProblem('file', 'empty', 'Filen är tom.', 'The file is empty.');
  return { fileName: fileName.split(/[\\/]/).pop()!.slice(0, 200), content };
}

export const requirementsRoutes: FastifyPluginAsyncZod<{ service: RequirementsService }> = async (app, { service }) => {
  // Only this scope takes multipart bodies (the catalogue import); everywhere else stays JSON.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0, parts: 1 } });

  registerListRoutes(app, {
    resource: 'requirement',
    tags,
    title: { sv: 'Kravkatalog', en: 'Requirement catalogue' },
    fileName: 'kravkatalog',
    query: requirementListQuery,
    page: requirementPage,
    list: (ctx, query) => service.list(ctx, query),
    iterate: (ctx, query) => service.iterate(ctx, query),
    columns: () => columns,
  });

  app.post(
    '/starter-catalogue',
    {
      config: { policy: { resource: 'requirement', action: 'create' } },
      schema: {
        tags,
        summary: 'Installera startkatalogen (krav som redan finns med samma kod hoppas över)',
        response: { 200: starterResult },
      },
    },
    async (req) => service.installStarter(contextOf(req)),
  );

  app.post(
    '/import',
    {
      config: { policy: { resource: 'requirement', action: 'create' } },
      schema: {
        tags,
        summary:
          'Importera krav från Excel (.xlsx) eller CSV (multipart/form-data, fältet file, högst 5 MB). Alla rader kontrolleras först; dryRun=true visar förhandsgranskningen utan att spara.',
        querystring: importQuery,
        response: { 200: importResult },
      },
    },
    async (req) => service.importFile(contextOf(req), await readUpload(req), req.query.dryRun ?? false),
  );

  registerRecordRoutes(app, {
    resource: 'requirement',
    basePath: '/api/v1/requirements',
    tags,
    noun: 'ett krav',
    create: requirementCreate,
    patch: requirementPatch,
    out: requirementOut,
    service,
  });
};
