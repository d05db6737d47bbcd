import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Action } from './access.js';
import { notFound } from './problems.js';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Object-level reach before the body is validated: a record named by the route's `:id` that the caller
// may not reach (another tenant's, out of scope, hidden as secret) answers 404 whatever was sent, so the
// answer never depends on the body. Runs after the route-level policy check (a parent hook), only for
// routes with a policy row; `assertReach` throws notFound() (or forbidden() for a readable record the
// action may not touch).
export function reachFirst(app: FastifyInstance, assertReach: (req: FastifyRequest, id: string, action: Action) => Promise<unknown>): void {
  app.addHook('preValidation', async (req) => {
    const id = (req.params as { id?: string } | undefined)?.id;
    const policy = req.routeOptions.config.policy;
    if (id === undefined || typeof policy !== 'object') return;
    if (!UUID_PATTERN.test(id)) throw notFound();
    await assertReach(req, id, policy.action);
  });
}
