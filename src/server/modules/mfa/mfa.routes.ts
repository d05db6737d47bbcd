import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import type { SessionInfo } from '../../platform/auth/sessions.js';
import { retryAfterHook } from '../../platform/auth/throttle.js';
import { Problem } from '../../platform/problems.js';
import {
  codeBody,
  passkeyCreatedOut,
  passkeyParams,
  passkeyRemoveBody,
  pendingOut,
  recoveryCodesOut,
  statusOut,
  stepOut,
  totpSetupOut,
  verifyBody,
  webauthnOptionsOut,
  webauthnRegistrationBody,
  webauthnVerifyBody,
} from './mfa.schemas.js';
import type { MfaService, RelyingParty } from './mfa.service.js';
import { setSessionCookie } from '../../platform/auth/cookie.js';

const tags = ['Tvåstegsverifiering'];
// Routes used half-way through sign-in accept any session and check the stage in the service;
// removing factors and new recovery codes need a finished sign-in.
const STEP = 'sign-in-step' as const;
const OWN = 'signed-in' as const;

interface Options {
  service: MfaService;
  secureCookies: boolean;
  // When set (default: TILLIT_PUBLIC_URL), WebAuthn is bound to this address rather than to the
  // request's Host; behind a TLS proxy without trustProxy the request alone would say http.
  publicUrl?: string | undefined;
}

// Guessing codes is bounded per person, not per address: the five-failure rule ends a pending
// sign-in, and this limit slows re-checks made with a signed-in session.
const perUser = (max: number) => ({
  max,
  timeWindow: '1 minute',
  hook: 'preHandler' as const,
  keyGenerator: (req: FastifyRequest) => `mfa:${req.session?.actor.userId ?? req.ip}`,
});

// Any stage: the MFA routes decide for themselves which stages they accept.
function sessionOf(req: FastifyRequest): SessionInfo {
  if (!req.session) throw new Problem('unauthenticated');
  return req.session;
}

// WebAuthn options are sent to the browser as the library made them.
const asJson = <T extends { challenge: string }>(o: T) => o as T & Record<string, unknown>;

function fullSession(req: FastifyRequest): SessionInfo {
  requireActor(req);
  return req.session!;
}

export const mfaRoutes: FastifyPluginAsyncZod<Options> = async (
  app,
  { service, secureCookies, publicUrl = process.env.TILLIT_PUBLIC_URL },
) => {
  const rp = (req: FastifyRequest): RelyingParty => {
    if (publicUrl) {
      const url = new URL(publicUrl);
      return { rpID: url.hostname, origin: url.origin };
    }
    // URL drops a default port, as browsers do in the origin they report.
    return { rpID: req.hostname, origin: new URL(`${req.protocol}://${req.host}`).origin };
  };

  // Same cookie as at sign-in; the old id stopped working when the session was rotated.
  const setCookie = (reply: FastifyReply, s: { id: string; expiresAt: Date }) => setSessionCookie(reply, s.id, s.expiresAt, secureCookies);

  const rid = (req: FastifyRequest) => String(req.id);
  app.addHook('onError', retryAfterHook);

  app.get(
    '/pending',
    { config: { policy: STEP }, schema: { tags, summary: 'Inloggningens steg just nu (efter omladdning)', response: { 200: pendingOut } } },
    (req) => service.pending(sessionOf(req)),
  );

  app.get(
    '',
    { config: { policy: STEP }, schema: { tags, summary: 'Mina sätt för tvåstegsverifiering', response: { 200: statusOut } } },
    (req) => service.status(sessionOf(req)),
  );

  app.post(
    '/verify',
    {
      config: { policy: STEP, rateLimit: perUser(20) },
      schema: {
        tags,
        summary: 'Slutför inloggningen med en kod från appen eller en återställningskod',
        body: verifyBody,
        response: { 200: stepOut },
      },
    },
    async (req, reply) => {
      const fresh = await service.verifyCode(sessionOf(req), req.body.method, req.body.code, rid(req));
      setCookie(reply, fresh);
      return { stage: 'full' as const, csrfToken: fresh.csrfToken };
    },
  );

  app.post(
    '/webauthn/options',
    {
      config: { policy: STEP },
      schema: { tags, summary: 'Utmaning för inloggning med nyckel (passkey)', response: { 200: webauthnOptionsOut } },
    },
    async (req) => asJson(await service.authenticationOptions(sessionOf(req), rp(req))),
  );

  app.post(
    '/webauthn/verify',
    {
      config: { policy: STEP, rateLimit: perUser(20) },
      schema: { tags, summary: 'Slutför inloggningen med nyckel (passkey)', body: webauthnVerifyBody, response: { 200: stepOut } },
    },
    async (req, reply) => {
      const response = req.body.response as unknown as AuthenticationResponseJSON;
      const fresh = await service.verifyPasskey(sessionOf(req), response, rp(req), rid(req));
      setCookie(reply, fresh);
      return { stage: 'full' as const, csrfToken: fresh.csrfToken };
    },
  );

  app.post(
    '/totp/setup',
    {
      config: { policy: STEP },
      schema: { tags, summary: 'Ny hemlighet för en app för engångskoder (ersätter en obekräftad)', response: { 200: totpSetupOut } },
    },
    (req) => service.setupTotp(sessionOf(req), rid(req)),
  );

  app.post(
    '/totp/confirm',
    {
      config: { policy: STEP, rateLimit: perUser(20) },
      schema: {
        tags,
        summary: 'Bekräfta appen med en kod; ger tio återställningskoder som visas en gång',
        body: codeBody,
        response: { 200: recoveryCodesOut },
      },
    },
    async (req, reply) => {
      const session = sessionOf(req);
      const { recoveryCodes, fresh } = await service.confirmTotp(session, req.body.code, rid(req));
      if (fresh) setCookie(reply, fresh);
      return { recoveryCodes, stage: 'full' as const, csrfToken: fresh?.csrfToken ?? session.csrfToken };
    },
  );

  app.delete(
    '/totp',
    {
      config: { policy: OWN, rateLimit: perUser(10) },
      schema: { tags, summary: 'Ta bort appen för engångskoder (kräver en aktuell kod)', body: codeBody, response: { 200: statusOut } },
    },
    (req) => service.removeTotp(fullSession(req), req.body.code, rid(req)),
  );

  app.post(
    '/recovery-codes',
    {
      config: { policy: OWN, rateLimit: perUser(10) },
      schema: {
        tags,
        summary: 'Nya återställningskoder (kräver en aktuell kod från appen); de gamla slutar gälla',
        body: codeBody,
        response: { 200: recoveryCodesOut },
      },
    },
    async (req) => {
      const session = fullSession(req);
      const recoveryCodes = await service.regenerateRecoveryCodes(session, req.body.code, rid(req));
      return { recoveryCodes, stage: 'full' as const, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/webauthn/registration-options',
    {
      config: { policy: STEP },
      schema: { tags, summary: 'Utmaning för att registrera en nyckel (passkey)', response: { 200: webauthnOptionsOut } },
    },
    async (req) => asJson(await service.registrationOptions(sessionOf(req), rp(req))),
  );

  app.post(
    '/webauthn/registration',
    {
      config: { policy: STEP, rateLimit: perUser(20) },
      schema: { tags, summary: 'Registrera en nyckel (passkey)', body: webauthnRegistrationBody, response: { 201: passkeyCreatedOut } },
    },
    async (req, reply) => {
      const session = sessionOf(req);
      const response = req.body.response as unknown as RegistrationResponseJSON;
      const { passkey, fresh } = await service.registerPasskey(session, response, req.body.name, rp(req), rid(req));
      if (fresh) setCookie(reply, fresh);
      return reply.status(201).send({ passkey, stage: 'full' as const, csrfToken: fresh?.csrfToken ?? session.csrfToken });
    },
  );

  app.delete(
    '/webauthn/:id',
    {
      config: { policy: OWN, rateLimit: perUser(10) },
      schema: {
        tags,
        summary: 'Ta bort en nyckel (passkey; kräver lösenordet för konton som har ett)',
        params: passkeyParams,
        body: passkeyRemoveBody,
        response: { 200: statusOut },
      },
    },
    (req) => service.removePasskey(fullSession(req), req.params.id, req.body?.password, rid(req)),
  );
};
