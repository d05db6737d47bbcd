import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from './sessions.js';

// The one way a session cookie is set: HttpOnly, SameSite=Lax, Secure behind HTTPS, and gone when
// the session's absolute limit is.
export function setSessionCookie(reply: FastifyReply, id: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
