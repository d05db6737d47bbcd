import { randomBytes, randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database, Db } from './db/client.js';
import { authPlugin, csrfGuard } from './platform/auth/plugin.js';
import { setAuditRedactionKey } from './platform/audit.js';
import { setCursorKey } from './platform/http.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { createAuditService, type AuditService } from './modules/audit/audit.service.js';
import { createSecretBox } from './platform/crypto/secret-box.js';
import { generateSpCredential, type SpCredential } from './platform/crypto/sp-credential.js';
import { registerErrorHandling } from './platform/error-handler.js';
import { rejectNulCharacters } from './platform/input-guard.js';
import { registerMetrics } from './platform/metrics.js';
import { Problem } from './platform/problems.js';
import { collectRoutes, enforceRoutePolicy, type RouteEntry } from './platform/route-policy.js';
import { defaultWebRoot, registerWeb } from './platform/web.js';
import { apiTokensRoutes } from './modules/api-tokens/api-tokens.routes.js';
import { createApiTokensService } from './modules/api-tokens/api-tokens.service.js';
import { accountRoutes } from './modules/account/account.routes.js';
import { createAccountService } from './modules/account/account.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { tenantSettingsRoutes } from './modules/tenant-settings/tenant-settings.routes.js';
import { createTenantSettingsService } from './modules/tenant-settings/tenant-settings.service.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { createUsersService } from './modules/users/users.service.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { createGroupMappingsService } from './modules/group-mappings/group-mappings.service.js';
import { groupMappingsRoutes } from './modules/group-mappings/group-mappings.routes.js';
import { ssoRoutes } from './modules/sso/sso.routes.js';
import { passwordRoutes } from './modules/password-reset/password-reset.routes.js';
import { createPasswordService } from './modules/password-reset/password-reset.service.js';
import { createMailer, defaultPublicUrl, type MailOptions } from './platform/mail/mailer.js';
import { mfaRoutes } from './modules/mfa/mfa.routes.js';
import { createMfaService } from './modules/mfa/mfa.service.js';
import { informationAssetsRoutes } from './modules/information-assets/information-assets.routes.js';
import { createInformationAssetsService } from './modules/information-assets/information-assets.service.js';
import { orgUnitsRoutes } from './modules/org-units/org-units.routes.js';
import { createOrgUnitsService } from './modules/org-units/org-units.service.js';
import { scimRoutes } from './modules/scim/scim.routes.js';
import { systemsRoutes } from './modules/systems/systems.routes.js';
import { createSystemsService } from './modules/systems/systems.service.js';
import { suppliersRoutes } from './modules/suppliers/suppliers.routes.js';
import { createSuppliersService } from './modules/suppliers/suppliers.service.js';
import { logReviewPlansRoutes } from './modules/log-reviews/log-review-plans.routes.js';
import { createLogReviewPlansService } from './modules/log-reviews/log-review-plans.service.js';
import { logReviewsRoutes } from './modules/log-reviews/log-reviews.routes.js';
import { createLogReviewsService } from './modules/log-reviews/log-reviews.service.js';
import { riskModuleRoutes } from './modules/risks/risks.routes.js';
import { createRiskAnalysesService } from './modules/risks/risk-analyses.service.js';
import { createRisksService } from './modules/risks/risks.service.js';
import { createRiskSnapshotsService } from './modules/risks/risk-snapshots.service.js';
import { requirementsRoutes } from './modules/requirements/requirements.routes.js';
import { createRequirementsService } from './modules/requirements/requirements.service.js';
import { gapAnalysisRoutes } from './modules/gap-analysis/gap-analysis.routes.js';
import { createGapAnalysisService } from './modules/gap-analysis/gap-analysis.service.js';
import { classificationRoutes } from './modules/classification/classification.routes.js';
import { createClassificationService } from './modules/classification/classification.service.js';
import { createProtectionService } from './modules/classification/protection.service.js';
import { measuresRoutes } from './modules/measures/measures.routes.js';
import { createMeasuresService } from './modules/measures/measures.service.js';
import { policyGoalsRoutes } from './modules/policy-goals/policy-goals.routes.js';
import { createPolicyGoalsService } from './modules/policy-goals/policy-goals.service.js';
import { actionPlansRoutes } from './modules/action-plans/action-plans.routes.js';
import { continuityRoutes } from './modules/continuity/continuity.routes.js';
import { createContinuityService } from './modules/continuity/continuity.service.js';
import { createContinuityDocumentsService } from './modules/continuity/continuity-documents.service.js';
import { restorePrioritiesRoutes } from './modules/restore-priorities/restore-priorities.routes.js';
import { createRestorePrioritiesService } from './modules/restore-priorities/restore-priorities.service.js';
import { exercisesRoutes } from './modules/exercises/exercises.routes.js';
// supplier register
import { contractsRoutes } from './modules/contracts/contracts.routes.js';
import { createContractsService } from './modules/contracts/contracts.service.js';
import { supplierMeetingsRoutes } from './modules/supplier-meetings/supplier-meetings.routes.js';
import { createSupplierMeetingsService } from './modules/supplier-meetings/supplier-meetings.service.js';
import { supplierPeopleRoutes } from './modules/supplier-people/supplier-people.routes.js';
import { createSupplierPeopleService } from './modules/supplier-people/supplier-people.service.js';
import { supplierSystemsRoutes } from './modules/supplier-systems/supplier-systems.routes.js';
import { createSupplierSystemsService } from './modules/supplier-systems/supplier-systems.service.js';
import { createExercisesService } from './modules/exercises/exercises.service.js';
// change notices + portal home
import { changeNoticesRoutes } from './modules/change-notices/change-notices.routes.js';
import { createChangeNoticesService } from './modules/change-notices/change-notices.service.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { createPortalService } from './modules/portal/portal.service.js';
import { createActionPlansService } from './modules/action-plans/action-plans.service.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { createNotificationsService } from './modules/notifications/notifications.service.js';
import type { Mailer } from './platform/mail/mailer.js';
import { incidentModuleRoutes } from './modules/incidents/incidents.routes.js';
import { createIncidentsService } from './modules/incidents/incidents.service.js';
import { createIncidentActions } from './modules/incidents/incidents.actions.js';
import { incidentSettingsModuleRoutes } from './modules/incident-settings/incident-settings.routes.js';
import { createIncidentCategoriesService } from './modules/incident-settings/incident-categories.service.js';
import { createIncidentRoutesService } from './modules/incident-settings/incident-routes.service.js';
import { createIncidentSettingsService } from './modules/incident-settings/incident-settings.service.js';
import { incidentCommsRoutes } from './modules/incident-comms/incident-comms.routes.js';
import { createStakeholdersService } from './modules/incident-comms/stakeholders.service.js';
import { createCommunicationsService } from './modules/incident-comms/communications.service.js';
import { incidentObligationsRoutes } from './modules/incident-obligations/incident-obligations.routes.js';
import { createIncidentObligationsService } from './modules/incident-obligations/incident-obligations.service.js';
// follow-ups + evidence files
import { createFollowUpTemplatesService } from './modules/follow-up-templates/follow-up-templates.service.js';
import { followUpTemplatesRoutes } from './modules/follow-up-templates/follow-up-templates.routes.js';
import { createFollowUpItemsService } from './modules/supplier-follow-ups/follow-up-items.service.js';
import { filesRoutes, followUpItemsRoutes, supplierFollowUpsRoutes } from './modules/supplier-follow-ups/supplier-follow-ups.routes.js';
import { createSupplierFollowUpsService } from './modules/supplier-follow-ups/supplier-follow-ups.service.js';
// credentials + recertification + charge-back
import { credentialsRoutes } from './modules/credentials/credentials.routes.js';
import { createCredentialsService } from './modules/credentials/credentials.service.js';
import { recertificationCampaignsRoutes, recertificationItemsRoutes } from './modules/recertifications/recertifications.routes.js';
import { createRecertificationsService } from './modules/recertifications/recertifications.service.js';
import { chargeBackRoutes } from './modules/charge-back/charge-back.routes.js';
import { createChargeBackService } from './modules/charge-back/charge-back.service.js';
// access orders
import { accessOrderSettingsRoutes } from './modules/access-order-settings/access-order-settings.routes.js';
import { createAccessOrderSettingsService } from './modules/access-order-settings/access-order-settings.service.js';
import { accessOrdersRoutes } from './modules/access-orders/access-orders.routes.js';
import { createAccessOrdersService } from './modules/access-orders/access-orders.service.js';
import { createAccessOrderReports } from './modules/access-orders/access-orders.reports.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    // an IdP's POST back to Tillit (SAML ACS): exempt from the Origin check, protected by its signature
    ssoCallback?: boolean;
  }
  interface FastifyInstance {
    // every API route with its declared policy (see platform/route-policy.ts)
    apiRoutes: RouteEntry[];
    // the database, for shared route helpers (history, export audit) that have no service of their own
    db: Db;
    audit: AuditService;
    // outgoing mail, for the scheduler's mail sender (main.ts)
    mailer: Mailer;
  }
}

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  secureCookies?: boolean;
  // behind a reverse proxy: take the client address from X-Forwarded-For (sign-in throttling needs it)
  trustProxy?: boolean;
  webRoot?: string | null;
  // 32 bytes that encrypt stored secrets (see platform/crypto); tests get a fresh random key
  secretKey?: Buffer;
  // SAML SP key and certificate (see platform/crypto/sp-credential.ts); made on first use when absent
  samlSp?: SpCredential;
  // TILLIT_PUBLIC_URL when set; otherwise SSO addresses (redirect URI, SAML ACS) come from each request
  publicUrl?: string;
  // outgoing mail: SMTP, else an outbox folder of .eml files, else nothing is sent (see platform/mail)
  mail?: MailOptions;
}

// Query values that are credentials for a moment (an OIDC code and state, a reset token) are
// replaced before a request line is logged.
const secretParams = /([?&](?:code|state|token|SAMLResponse|RelayState)=)[^&#]*/gi;
// A calendar feed address carries its token in the path (calendar clients cannot send a header).
const feedToken = /(\/calendar\/)tillit_cal_[A-Za-z0-9_-]+/g;
export const redactUrl = (url: string) => url.replace(secretParams, '$1***').replace(feedToken, '$1***');

export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  // Session cookies, CSRF tokens and passwords never reach the log.
  redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
  serializers: {
    req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
      method: req.method,
      url: redactUrl(req.url),
      host: req.host,
      remoteAddress: req.ip,
    }),
  },
});

// Builds the whole HTTP application; no side effects on import, the caller owns the database.
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { database } = opts;
  const db = database.db;
  const instanceKey = opts.secretKey ?? randomBytes(32);
  const secretBox = createSecretBox(instanceKey);
  setAuditRedactionKey(instanceKey);
  setCursorKey(instanceKey);
  let generatedSp: Promise<SpCredential> | undefined;
  const spCredential = () => (opts.samlSp ? Promise.resolve(opts.samlSp) : (generatedSp ??= generateSpCredential()));
  const apiRoutes: RouteEntry[] = [];
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    // Our own id only: it lands in audit entries, where a client must not choose it.
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('apiRoutes', apiRoutes);
  app.decorate('db', db);
  const auditService = createAuditService(db);
  app.decorate('audit', auditService);
  const mailer = createMailer(opts.mail ?? {}, app.log);
  app.decorate('mailer', mailer);
  const passwordService = createPasswordService(db, { mailer, publicUrl: opts.mail?.publicUrl ?? defaultPublicUrl, log: app.log });
  app.setValidatorCompiler(validatorCompiler);
  // Responses are typed by the services; the schemas document them without re-validating each one.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  const webRoot = opts.webRoot === undefined ? defaultWebRoot : opts.webRoot;
  const spa = webRoot ? await registerWeb(app, webRoot) : false;
  registerErrorHandling(app, { spaFallback: spa });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Tillit API', version: '1.0.0', description: 'Informationssäkerhet för svenska kommuner. Se docs/api.md.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tillit_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerMetrics(app);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.ping();
      return { status: 'ready', database: database.kind };
    } catch {
      return reply
        .status(503)
        .type('application/problem+json')
        .send({ type: 'urn:tillit:problem:unavailable', title: 'Databasen svarar inte', status: 503 });
    }
  });

  await app.register(
    async (api) => {
      // Sessions are looked up for API calls only: static files and probes never touch the database.
      await api.register(authPlugin, { db });
      api.addHook('onRequest', csrfGuard);
      // API answers are per user and may be secret: never cached; lists answer JSON or CSV by Accept.
      api.addHook('onSend', async (_req, reply) => {
        reply.header('cache-control', 'no-store').header('vary', 'Accept, Accept-Language');
      });
      // Authentication and the route's policy before validation: a caller who may not use a route
      // learns nothing about its schemas.
      api.addHook('preValidation', async (req) => {
        if (!req.routeOptions.config.public && !req.session) throw new Problem('unauthenticated');
        await enforceRoutePolicy(req);
        await rejectNulCharacters(req);
      });
      collectRoutes(api, apiRoutes);
      await api.register(authRoutes, {
        prefix: '/auth',
        service: createAuthService(db),
        secureCookies: opts.secureCookies ?? false,
      });
      // identity modules (one line each)
      // supplier register: the register passes publicUrl for D3-08 mails
      await api.register(suppliersRoutes, {
        prefix: '/suppliers',
        service: createSuppliersService(db, { publicUrl: opts.mail?.publicUrl ?? defaultPublicUrl }),
      });
      await api.register(usersRoutes, {
        prefix: '/users',
        service: createUsersService(db, (user, organisation, requestId) => passwordService.invite(user, organisation, { requestId })),
      });
      await api.register(tenantSettingsRoutes, { prefix: '/tenant/settings', service: createTenantSettingsService(db) });
      await api.register(accountRoutes, { prefix: '/auth', service: createAccountService(db), secureCookies: opts.secureCookies ?? false });
      await api.register(ssoRoutes, { db, secretBox, publicUrl: opts.publicUrl, secureCookies: !!opts.secureCookies, spCredential });
      await api.register(groupMappingsRoutes, { prefix: '/group-role-mappings', service: createGroupMappingsService(db) });
      await api.register(apiTokensRoutes, { prefix: '/api-tokens', service: createApiTokensService(db) });
      await api.register(passwordRoutes, { prefix: '/auth', service: passwordService, secureCookies: !!opts.secureCookies });
      await api.register(mfaRoutes, { prefix: '/auth/mfa', service: createMfaService(db, secretBox), secureCookies: !!opts.secureCookies });
      await api.register(orgUnitsRoutes, { prefix: '/org-units', service: createOrgUnitsService(db) });
      await api.register(systemsRoutes, { prefix: '/systems', service: createSystemsService(db) });
      await api.register(informationAssetsRoutes, { prefix: '/information-assets', service: createInformationAssetsService(db) });
      await api.register(logReviewPlansRoutes, { prefix: '/log-review-plans', service: createLogReviewPlansService(db) });
      await api.register(logReviewsRoutes, { prefix: '/log-reviews', service: createLogReviewsService(db) });
      await api.register(riskModuleRoutes, {
        analyses: createRiskAnalysesService(db),
        risks: createRisksService(db),
        snapshots: createRiskSnapshotsService(db),
      });
      await api.register(classificationRoutes, { service: createClassificationService(db), protection: createProtectionService(db) });
      await api.register(measuresRoutes, { prefix: '/measures', service: createMeasuresService(db) });
      await api.register(policyGoalsRoutes, { prefix: '/policy-goals', service: createPolicyGoalsService(db) });
      await api.register(actionPlansRoutes, { prefix: '/action-plans', service: createActionPlansService(db) });
      await api.register(requirementsRoutes, { prefix: '/requirements', service: createRequirementsService(db) });
      await api.register(incidentModuleRoutes, {
        service: createIncidentsService(db, { publicUrl: opts.mail?.publicUrl ?? defaultPublicUrl }),
        actions: createIncidentActions(db),
      });
      await api.register(gapAnalysisRoutes, { prefix: '/systems', service: createGapAnalysisService(db) });
      await api.register(incidentSettingsModuleRoutes, {
        categories: createIncidentCategoriesService(db),
        routes: createIncidentRoutesService(db),
        settings: createIncidentSettingsService(db),
      });
      await api.register(incidentCommsRoutes, {
        stakeholders: createStakeholdersService(db),
        communications: createCommunicationsService(db),
      });
      await api.register(incidentObligationsRoutes, { service: createIncidentObligationsService(db) });
      await api.register(continuityRoutes, { continuity: createContinuityService(db), documents: createContinuityDocumentsService(db) });
      await api.register(restorePrioritiesRoutes, { prefix: '/restore-priorities', service: createRestorePrioritiesService(db) });
      await api.register(exercisesRoutes, { prefix: '/exercises', service: createExercisesService(db) });
      // supplier register (people and systems carry their own paths under /suppliers/:id and /supplier-people)
      await api.register(supplierPeopleRoutes, { service: createSupplierPeopleService(db) });
      await api.register(supplierSystemsRoutes, { service: createSupplierSystemsService(db) });
      await api.register(contractsRoutes, { prefix: '/contracts', service: createContractsService(db) });
      await api.register(supplierMeetingsRoutes, { prefix: '/supplier-meetings', service: createSupplierMeetingsService(db) });
      // follow-ups + evidence files
      await api.register(followUpTemplatesRoutes, { prefix: '/follow-up-templates', service: createFollowUpTemplatesService(db) });
      const followUpItems = createFollowUpItemsService(db);
      await api.register(supplierFollowUpsRoutes, {
        prefix: '/supplier-follow-ups',
        service: createSupplierFollowUpsService(db, { publicUrl: opts.mail?.publicUrl ?? defaultPublicUrl }),
      });
      await api.register(followUpItemsRoutes, { prefix: '/follow-up-items', service: followUpItems });
      await api.register(filesRoutes, { prefix: '/files', service: followUpItems });
      // credentials + recertification + charge-back
      await api.register(credentialsRoutes, { prefix: '/credentials', service: createCredentialsService(db) });
      const recertifications = createRecertificationsService(db);
      await api.register(recertificationCampaignsRoutes, { prefix: '/recertification-campaigns', service: recertifications });
      await api.register(recertificationItemsRoutes, { prefix: '/recertification-items', service: recertifications });
      await api.register(chargeBackRoutes, { prefix: '/reports', service: createChargeBackService(db) });
      // access orders (the settings routes carry their own paths: /access-order-settings, /access-orders/lead-times)
      await api.register(accessOrderSettingsRoutes, { service: createAccessOrderSettingsService(db) });
      await api.register(accessOrdersRoutes, {
        prefix: '/access-orders',
        service: createAccessOrdersService(db, { secretBox, publicUrl: opts.mail?.publicUrl ?? defaultPublicUrl }),
        reports: createAccessOrderReports(db),
      });
      // change notices + portal home
      await api.register(changeNoticesRoutes, {
        prefix: '/change-notices',
        service: createChangeNoticesService(db, { publicUrl: opts.mail?.publicUrl ?? defaultPublicUrl }),
      });
      await api.register(portalRoutes, { prefix: '/portal', service: createPortalService(db) });
      await api.register(auditRoutes, { prefix: '/audit', service: auditService });
      await api.register(notificationsRoutes, {
        service: createNotificationsService(db, { publicUrl: opts.mail?.publicUrl ?? defaultPublicUrl }),
      });
    },
    { prefix: '/api/v1' },
  );
  // SCIM 2.0 for identity providers: bearer API tokens only, its own error form, no CSRF hook.
  await app.register(scimRoutes, { prefix: '/scim/v2', db });
  return app;
}
