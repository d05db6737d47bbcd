import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { pageSpec, toPage } from '../../platform/keyset.js';
import { notFound, Problem } from '../../platform/problems.js';
import { toSpec } from './users.assignments.js';
import { assertUserAdmin } from './users.policy.js';
import { presentSession, presentUser } from './users.presenter.js';
import * as repo from './users.repository.js';
import { userSorts, type AssignmentIn, type UserCreate, type UserListQuery, type UserOut } from './users.schemas.js';

const lastCoordinator = () =>
  new Problem('conflict', {
    sv: 'Organisationen måste ha minst en informationssäkerhetssamordnare för hela organisationen. Utse en annan först.',
    en: 'The organisation must keep at least one organisation-wide information-security coordinator. Appoint another first.',
  });

const managedElsewhere = () =>
  new Problem('conflict', {
    sv: 'Rollen kommer från organisationens inloggningstjänst (IdP). Ändra gruppmedlemskapet där.',
    en: 'The role comes from the organisation’s identity provider. Change the group membership there.',
  });

// Sends the set-your-password link (the password-reset module owns tokens and mail).
export type Inviter = (user: { id: string; email: string }, organisation: string, requestId: string) => Promise<void>;

export function createUsersService(db: Db, invite?: Inviter) {
  async function load(tx: Tx, ctx: RequestContext, id: string): Promise<UserOut> {
    const row = await repo.findMember(tx, ctx.actor.tenantId, id);
    if (!row) throw notFound();
    return presentUser(ctx.actor, row);
  }

  // Writes on users run in the tenant's transaction with their audit entry, like register writes.
  const write = <T>(ctx: RequestContext, work: (tx: Tx) => Promise<T>) => withTenant(db, ctx.actor.tenantId, work);

  return {
    async list(ctx: RequestContext, query: UserListQuery) {
      assertUserAdmin(ctx.actor, 'read');
      const spec = pageSpec(query, userSorts, 'name');
      const rows = await write(ctx, (tx) => repo.listUsers(tx, ctx.actor.tenantId, query, spec.sort, spec.cursor));
      return toPage(
        rows.map((r) => ({ ...r, sortKey: r.sort_key })),
        query.limit,
        spec.name,
        (r) => presentUser(ctx.actor, r),
      );
    },

    async get(ctx: RequestContext, id: string): Promise<UserOut> {
      assertUserAdmin(ctx.actor, 'read');
      return write(ctx, (tx) => load(tx, ctx, id));
    },

    // Adds a person to the organisation. A person who already has an account elsewhere (a joint IT
    // organisation's staff) keeps it and gains roles here; sign-in is by SSO or a password they set
    // through the reset link.
    async create(ctx: RequestContext, input: UserCreate): Promise<UserOut> {
      assertUserAdmin(ctx.actor, 'create');
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx) => {
        const specs = [];
        for (const [i, a] of input.assignments.entries()) specs.push(await toSpec(tx, t, a, `assignments.${i}.`));
        const existing = await repo.findUserByEmail(tx, input.email);
        if (existing && (await repo.findMember(tx, t, existing.id)))
          throw new Problem('conflict', {
            sv: 'Det finns redan en användare med den e-postadressen i organisationen.',
            en: 'There is already a user with that e-mail address in the organisation.',
          });
        const userId = existing?.id ?? (await repo.insertUser(tx, input.email, input.displayName));
        if (existing?.disabledAt) await repo.updateUser(tx, userId, { disabledAt: null });
        for (const s of specs) await repo.insertAssignment(tx, t, userId, s);
        const out = await load(tx, ctx, userId);
        await recordAudit(tx, ctx, {
          action: existing ? 'user.add-to-tenant' : 'user.create',
          entityType: 'user',
          entityId: userId,
          after: { email: out.email, displayName: out.displayName, assignments: out.assignments },
        });
        return out;
      });
    },

    async update(ctx: RequestContext, id: string, patch: { displayName: string }): Promise<UserOut> {
      assertUserAdmin(ctx.actor, 'update');
      return write(ctx, async (tx) => {
        const before = await load(tx, ctx, id);
        if (before.displayName === patch.displayName) return before;
        // The name belongs to the person's one account: another organisation shows it too.
        if (await repo.hasRolesElsewhere(tx, ctx.actor.tenantId, id))
          throw new Problem('conflict', {
            sv: 'Personen finns även i en annan organisation. Namnet kan bara ändras där personen bara finns i en organisation.',
            en: 'The person also belongs to another organisation. The name can only be changed where they belong to one organisation only.',
          });
        await repo.updateUser(tx, id, { displayName: patch.displayName });
        await recordAudit(tx, ctx, {
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before: { displayName: before.displayName },
          after: { displayName: patch.displayName },
        });
        return load(tx, ctx, id);
      });
    },

    async addAssignment(ctx: RequestContext, id: string, input: AssignmentIn): Promise<UserOut> {
      assertUserAdmin(ctx.actor, 'update');
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx) => {
        const before = await load(tx, ctx, id);
        const spec = await toSpec(tx, t, input);
        const assignmentId = await repo.insertAssignment(tx, t, id, spec);
        const out = await load(tx, ctx, id);
        await recordAudit(tx, ctx, {
          action: 'user.role-grant',
          entityType: 'user',
          entityId: id,
          before: { assignments: before.assignments },
          after: { assignment: out.assignments.find((a) => a.id === assignmentId) },
        });
        return out;
      });
    },

    async removeAssignment(ctx: RequestContext, id: string, assignmentId: string): Promise<UserOut> {
      assertUserAdmin(ctx.actor, 'update');
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx) => {
        const before = await load(tx, ctx, id);
        const a = await repo.findAssignment(tx, t, id, assignmentId);
        if (!a) throw notFound();
        if (a.source !== 'manual') throw managedElsewhere();
        if (a.role === 'coordinator' && a.scopeType === 'tenant') {
          const others = before.assignments.some((o) => o.id !== assignmentId && o.role === 'coordinator' && o.scopeType === 'tenant');
          if (!others && (await repo.otherTenantCoordinators(tx, t, id)) === 0) throw lastCoordinator();
        }
        await repo.deleteAssignment(tx, assignmentId);
        await recordAudit(tx, ctx, {
          action: 'user.role-revoke',
          entityType: 'user',
          entityId: id,
          before: { assignment: before.assignments.find((x) => x.id === assignmentId) },
        });
        // Without roles the person is no longer a member (the list leaves them out); answer with
        // what is left rather than a 404 for the change that just succeeded.
        const after = await repo.findMember(tx, t, id);
        return after ? presentUser(ctx.actor, after) : { ...before, assignments: [] };
      });
    },

    // Ends the person's access to this organisation at once: roles removed, sessions ended. An
    // account with no roles anywhere is disabled as well.
    async deactivate(ctx: RequestContext, id: string): Promise<{ sessionsEnded: number; disabled: boolean }> {
      assertUserAdmin(ctx.actor, 'archive');
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx) => {
        const before = await load(tx, ctx, id);
        const coordinatorHere = before.assignments.some((a) => a.role === 'coordinator' && a.scopeType === 'tenant');
        if (coordinatorHere && (await repo.otherTenantCoordinators(tx, t, id)) === 0) throw lastCoordinator();
        await repo.deleteTenantAssignments(tx, t, id);
        const sessionsEnded = await repo.endTenantSessions(tx, t, id);
        const disabled = !(await repo.hasRolesElsewhere(tx, t, id));
        if (disabled) await repo.updateUser(tx, id, { disabledAt: new Date() });
        await recordAudit(tx, ctx, {
          action: 'user.deactivate',
          entityType: 'user',
          entityId: id,
          before: { assignments: before.assignments },
          after: { sessionsEnded, disabled },
        });
        return { sessionsEnded, disabled };
      });
    },

    // The first password of a local account: a single-use link to the person's own address.
    async invite(ctx: RequestContext, id: string): Promise<{ sentTo: string }> {
      assertUserAdmin(ctx.actor, 'update');
      if (!invite) throw new Problem('unavailable');
      const { user, organisation } = await write(ctx, async (tx) => {
        const u = await load(tx, ctx, id);
        if (u.disabled) throw new Problem('conflict', { sv: 'Kontot är avstängt.', en: 'The account is disabled.' });
        if (u.hasPassword)
          throw new Problem('conflict', {
            sv: 'Användaren har redan ett lösenord. Hen kan själv begära en ny länk med ”Glömt lösenordet?”.',
            en: 'The user already has a password. They can ask for a new link with “Forgot password?”.',
          });
        await recordAudit(tx, ctx, { action: 'user.invite', entityType: 'user', entityId: id, after: { sentTo: u.email } });
        return { user: u, organisation: await repo.tenantName(tx, ctx.actor.tenantId) };
      });
      await invite({ id: user.id, email: user.email }, organisation, ctx.requestId);
      return { sentTo: user.email };
    },

    async sessions(ctx: RequestContext, id: string) {
      assertUserAdmin(ctx.actor, 'read');
      return write(ctx, async (tx) => {
        await load(tx, ctx, id);
        const rows = await repo.listSessions(tx, { userId: id, tenantId: ctx.actor.tenantId });
        return { items: rows.map((r) => presentSession(r, null)) };
      });
    },

    async endSessions(ctx: RequestContext, id: string): Promise<{ sessionsEnded: number }> {
      assertUserAdmin(ctx.actor, 'update');
      return write(ctx, async (tx) => {
        await load(tx, ctx, id);
        const sessionsEnded = await repo.endTenantSessions(tx, ctx.actor.tenantId, id);
        await recordAudit(tx, ctx, { action: 'user.sessions-end', entityType: 'user', entityId: id, after: { sessionsEnded } });
        return { sessionsEnded };
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
