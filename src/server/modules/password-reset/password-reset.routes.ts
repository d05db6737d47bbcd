import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { retryAfterHook } from '../../platform/auth/throttle.js';
import { requestLang } from '../../platform/language.js';
import { changePasswordBody, changePasswordOut, resetConfirmBody, resetRequestBody, resetRequestOut } from './password-reset.schemas.js';
import { RESET_MINUTES, type PasswordService } from './password-reset.service.js';
import { setSessionCookie } from '../../platform/auth/cookie.js';

const tags = ['Inloggning'];

const accepted = {
  sv: `Om adressen finns hos oss har vi skickat en länk. Den gäller i ${RESET_MINUTES} minuter.`,
  en: `If we have an account for the address, we have sent a link. It works for ${RESET_MINUTES} minutes.`,
};

export const passwordRoutes: FastifyPluginAsyncZod<{ service: PasswordService; secureCookies: boolean }> = async (
  app,
  { service, secureCookies },
) => {
  app.addHook('onError', retryAfterHook);

  app.post(
    '/password-reset',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Begär en länk för att välja nytt lösenord (samma svar oavsett om kontot finns)',
        body: resetRequestBody,
        response: { 202: resetRequestOut },
      },
    },
    async (req, reply) => {
      await service.requestReset(req.body.email, { address: req.ip, requestId: String(req.id) });
      return reply.status(202).send({ message: accepted[requestLang(req)] });
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Välj nytt lösenord med länkens engångskod; avslutar alla inloggningar',
        body: resetConfirmBody,
      },
    },
    async (req, reply) => {
      await service.confirmReset(req.body.token, req.body.password, { address: req.ip, requestId: String(req.id) });
      return reply.status(204).send();
    },
  );

  app.post(
    '/password',
    {
      config: { policy: 'signed-in' },
      schema: {
        tags,
        summary: 'Byt ditt lösenord; avslutar dina andra inloggningar och ger denna ny sessionsnyckel',
        body: changePasswordBody,
        response: { 200: changePasswordOut },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const fresh = await service.changePassword(actor, req.session!.idHash, req.body, { address: req.ip, requestId: String(req.id) });
      setSessionCookie(reply, fresh.id, fresh.expiresAt, secureCookies);
      return { csrfToken: fresh.csrfToken };
    },
  );
};
