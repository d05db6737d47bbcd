import { parse as parseForm } from 'node:querystring';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession, deleteSession } from '../../platform/auth/sessions.js';
import { auditSignIn } from '../../platform/auth/sign-in-audit.js';
import { notFound } from '../../platform/problems.js';
import { finishOidc, startOidc } from './sso.oidc.js';
import { provisionUser } from './sso.provisioning.js';
import * as repo from './sso.repository.js';
import type { SsoOptions } from './sso.routes.js';
import { spMetadata, startSaml, validateSamlResponse } from './sso.saml.js';
import { providerParams, providersQuery, publicProviders, startQuery, type ProviderKind } from './sso.schemas.js';
import { BIND_COOKIE, checkBinding, createStateStore, SsoRefusal, type ExternalProfile } from './sso.state.js';
import { baseUrlOf, safeNext } from './sso.urls.js';
import { setSessionCookie } from '../../platform/auth/cookie.js';

const tags = ['Inloggning med SSO'];
const BIND_PATH = '/api/v1/auth/sso';
// Each start writes a row: an anonymous caller must not be able to flood the table.
const rateLimit = { max: 60, timeWindow: '1 minute' };

const firstValue = (v: unknown): string | undefined => (Array.isArray(v) ? firstValue(v[0]) : typeof v === 'string' ? v : undefined);

// The public half of SSO: which providers an organisation offers, the redirect to the IdP, the way
// back (OIDC callback, SAML ACS), and the SAML SP metadata. Every refusal ends on the sign-in page
// with a code; what went wrong is written to the log (without tokens), never into the address.
export const ssoLoginRoutes: FastifyPluginAsyncZod<SsoOptions> = async (app, opts) => {
  const { db, secretBox } = opts;
  const states = createStateStore(db, secretBox);
  const loadProvider = (id: string) => repo.providerById(db, id);
  const bindCookie = { path: BIND_PATH, httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: 600 } as const;

  function refuse(req: FastifyRequest, reply: FastifyReply, err: unknown) {
    let refusal: SsoRefusal;
    if (err instanceof SsoRefusal) refusal = err;
    else {
      // Library and database errors can carry personal data: log what kind of fault it was only.
      const e = err as { name?: unknown; code?: unknown };
      refusal = new SsoRefusal('failed', `unexpected ${String(e?.name ?? 'error')} ${typeof e?.code === 'string' ? e.code : ''}`.trim());
      req.log.warn({ sso: { reason: refusal.reason } }, 'SSO sign-in failed unexpectedly');
    }
    req.log.info({ sso: { code: refusal.code, reason: refusal.reason } }, 'SSO sign-in refused');
    reply.clearCookie(BIND_COOKIE, { path: BIND_PATH });
    return reply.redirect(`/sign-in?sso_error=${refusal.code}`, 302);
  }

  async function signIn(
    req: FastifyRequest,
    reply: FastifyReply,
    provider: repo.ProviderRow,
    profile: ExternalProfile,
    method: ProviderKind,
    next: string,
  ) {
    const userId = await provisionUser(db, provider, profile, String(req.id));
    // A new sign-in replaces the session this browser had (no fixation, no orphaned sessions).
    if (req.session) await deleteSession(db, req.session.idHash);
    // Stage 'full': the IdP is responsible for strong authentication, and its assurance level was checked.
    const session = await createSession(db, {
      userId,
      tenantId: provider.tenantId,
      stage: 'full',
      // the provider is remembered: another tenant trusts this sign-in only through its own IdP link
      authMethods: [method, `idp:${provider.id}`],
      clientAddress: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
    });
    await auditSignIn(db, {
      userId,
      tenantIds: [provider.tenantId],
      action: 'auth.sign-in',
      detail: { method, providerId: provider.id },
      requestId: String(req.id),
      clientAddress: req.ip,
      authenticated: true,
    });
    setSessionCookie(reply, session.id, session.expiresAt, opts.secureCookies);
    reply.clearCookie(BIND_COOKIE, { path: BIND_PATH });
    req.log.info({ sso: { providerId: provider.id, userId } }, 'SSO sign-in');
    return reply.redirect(next, 302);
  }

  app.get(
    '/providers',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Organisationens identitetsleverantörer för inloggningssidan',
        description: 'organisation = organisationens kortnamn (slug). Okänd organisation ger en tom lista.',
        querystring: providersQuery,
        response: { 200: publicProviders },
      },
    },
    async (req) => {
      const slug = req.query.organisation?.toLowerCase();
      if (!slug) return [];
      const rows = await repo.enabledProvidersOf(db, slug);
      return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as ProviderKind }));
    },
  );

  app.get(
    '/:providerId/start',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Börja logga in hos identitetsleverantören (302 till den)',
        description: 'next = sökväg inom Tillit att gå till efter inloggningen.',
        params: providerParams,
        querystring: startQuery,
      },
    },
    async (req, reply) => {
      try {
        const p = await loadProvider(req.params.providerId);
        if (!p || !p.enabled) throw new SsoRefusal('failed', 'unknown or disabled provider');
        const base = baseUrlOf(req, opts.publicUrl);
        const next = safeNext(req.query.next);
        const { url, binding } =
          p.kind === 'oidc'
            ? await startOidc(p, secretBox, states, base, next)
            : await startSaml(p, states, base, next, await opts.spCredential());
        reply.setCookie(BIND_COOKIE, binding, bindCookie);
        return reply.redirect(url, 302);
      } catch (err) {
        return refuse(req, reply, err);
      }
    },
  );

  app.get(
    '/oidc/callback',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Redirect URI för OpenID Connect (identitetsleverantören skickar hit webbläsaren)',
        querystring: z.looseObject({
          code: z.string().max(4000).optional(),
          state: z.string().max(4000).optional(),
          error: z.string().max(4000).optional(),
        }),
      },
    },
    async (req, reply) => {
      try {
        // The raw query: openid-client checks every parameter the IdP sent (iss, state, code).
        const query = new URLSearchParams(req.raw.url?.split('?')[1] ?? '');
        const r = await finishOidc(query, req.cookies[BIND_COOKIE], loadProvider, secretBox, states);
        return await signIn(req, reply, r.provider, r.profile, 'oidc', r.next);
      } catch (err) {
        return refuse(req, reply, err);
      }
    },
  );

  // The IdP's page posts the response as a form: parse that format here only.
  await app.register(async (acs) => {
    acs.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, parseForm(body as string));
    });
    acs.post(
      '/saml/acs',
      {
        // Posted by the browser from the IdP's origin, so the Origin check cannot apply: the signed
        // response, its single-use InResponseTo and the browser binding at /saml/finish protect it.
        config: { public: true, ssoCallback: true, rateLimit },
        schema: {
          tags,
          summary: 'Assertion Consumer Service för SAML (HTTP-POST: SAMLResponse och RelayState)',
          consumes: ['application/x-www-form-urlencoded'],
        },
      },
      async (req, reply) => {
        try {
          const body = (req.body ?? {}) as Record<string, unknown>;
          const { provider, profile, state } = await validateSamlResponse(
            firstValue(body.SAMLResponse),
            firstValue(body.RelayState),
            loadProvider,
            states,
            await opts.spCredential(),
          );
          // A cross-site POST carries no SameSite=Lax cookie: bounce through a GET that does, and
          // finish there, so the response only signs in the browser that asked for it.
          const token = await states.put(provider.id, { kind: 'saml-finish', profile, next: state.next, bind: state.bind }, 2 * 60_000);
          return reply.redirect(`/api/v1/auth/sso/saml/finish?token=${encodeURIComponent(token)}`, 303);
        } catch (err) {
          return refuse(req, reply, err);
        }
      },
    );
  });

  app.get(
    '/saml/finish',
    {
      config: { public: true, rateLimit },
      schema: {
        tags,
        summary: 'Avslutar en SAML-inloggning i samma webbläsare som började den',
        querystring: z.object({ token: z.string().max(200).optional() }),
      },
    },
    async (req, reply) => {
      try {
        const { providerId, state } = await states.take(req.query.token, 'saml-finish');
        checkBinding(req.cookies[BIND_COOKIE], state.bind);
        const p = await loadProvider(providerId);
        if (!p || !p.enabled) throw new SsoRefusal('failed', 'provider removed or disabled');
        return await signIn(req, reply, p, state.profile, 'saml', state.next);
      } catch (err) {
        return refuse(req, reply, err);
      }
    },
  );

  app.get(
    '/:providerId/saml/metadata',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'SAML-metadata för Tillit som tjänsteleverantör (SP) hos den här identitetsleverantören',
        params: providerParams,
      },
    },
    async (req, reply) => {
      const p = await loadProvider(req.params.providerId);
      if (!p || p.kind !== 'saml') throw notFound();
      return reply
        .type('application/samlmetadata+xml; charset=utf-8')
        .send(spMetadata(p, baseUrlOf(req, opts.publicUrl), await opts.spCredential()));
    },
  );
};
