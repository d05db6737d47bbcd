import type { Db, Tx } from '../../db/client.js';
import type { Actor } from '../../platform/access.js';
import type { AuditEntry, RequestContext } from '../../platform/audit.js';
import { auditInTenant } from '../api-tokens/api-tokens.repository.js';
import { ScimError, scimNotFound, invalidValue, uniqueness } from './scim.errors.js';
import { parseFilter } from './scim.filter.js';
import { applyPatch } from './scim.patch.js';
import { userDocOf, type GroupRecord, type UserRecord } from './scim.presenter.js';
import { deprovision, reactivate, recomputeRoles } from './scim.provisioning.js';
import * as repo from './scim.repository.js';
import { groupDef, parseGroup, parseUser, userDef, userDocument, type GroupDoc, type UserDoc } from './scim.schema.js';

export interface ListQuery {
  filter?: string;
  startIndex: number;
  count: number;
}

// An If-Match the client sent must name the current version (W/"n"); without one the write goes ahead.
export function assertIfMatch(header: string | undefined, version: number): void {
  if (header === undefined || header.trim() === '*') return;
  const tags = header.split(',').map((t) => /^\s*(?:W\/)?"(\d+)"\s*$/.exec(t)?.[1]);
  if (!tags.includes(String(version))) throw new ScimError(412, 'The resource has changed since that version');
}

// JSON with sorted keys: "did anything change" must not depend on the order a client sent fields in.
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

// The name Tillit shows: displayName, else the name parts, else the address.
function displayNameOf(d: UserDoc): string {
  const name = d.attributes.name as { formatted?: string; givenName?: string; familyName?: string } | undefined;
  const parts = [name?.givenName, name?.familyName].filter(Boolean).join(' ');
  const dn = d.attributes.displayName;
  return ((typeof dn === 'string' && dn.trim()) || name?.formatted?.trim() || parts.trim() || d.userName).slice(0, 200);
}

export function createScimService(db: Db) {
  // One transaction per SCIM write: identity rows first (outside row-level security), then the
  // audit entries as the tenant, all or nothing.
  const write = <T>(ctx: RequestContext, work: (tx: Tx, audit: AuditEntry[]) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      const audit: AuditEntry[] = [];
      const out = await work(tx, audit);
      await auditInTenant(tx, ctx, audit);
      return out;
    });

  const loadUser = async (tx: Tx, tenantId: string, userId: string): Promise<UserRecord | null> => {
    const row = await repo.findUser(tx, tenantId, userId);
    if (!row) return null;
    return { row, groups: (await repo.groupsOfUsers(tx, tenantId, [userId])).get(userId) ?? [] };
  };
  const loadGroup = async (tx: Tx, tenantId: string, id: string): Promise<GroupRecord | null> => {
    const row = await repo.findGroup(tx, tenantId, id);
    if (!row) return null;
    return { row, members: (await repo.membersOfGroups(tx, tenantId, [id])).get(id) ?? [] };
  };

  // Name and address of the account follow the IdP only while no other organisation knows the
  // person: another tenant's IdP must never rename someone, or redirect their password resets.
  async function syncAccount(tx: Tx, tenantId: string, userId: string, d: UserDoc): Promise<void> {
    if (await repo.belongsElsewhere(tx, userId, tenantId)) return;
    const account = await repo.findAccount(tx, userId);
    if (!account) return;
    const change: { email?: string; displayName?: string } = {};
    if (account.email !== d.userName) {
      const other = await repo.findAccountByEmail(tx, d.userName);
      if (other && other.id !== userId) throw uniqueness('Another account already uses this userName');
      change.email = d.userName;
    }
    const name = displayNameOf(d);
    if (account.displayName !== name) change.displayName = name;
    await repo.updateAccount(tx, userId, change);
  }

  async function requireProvisioned(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
    const known = await repo.provisioned(tx, tenantId, ids);
    const missing = ids.find((id) => !known.has(id));
    if (missing) throw invalidValue(`Member "${missing}" is not a provisioned user`);
  }

  async function changeUser(ctx: RequestContext, tx: Tx, audit: AuditEntry[], row: repo.ScimUserRow, after: UserDoc) {
    const t = ctx.actor.tenantId;
    const before = userDocOf(row);
    if (canonical(userDocument(before)) !== canonical(userDocument(after))) {
      if (after.userName.toLowerCase() !== before.userName.toLowerCase()) {
        const clash = await repo.findUserByUserName(tx, t, after.userName);
        if (clash && clash.userId !== row.userId) throw uniqueness('A user with this userName already exists');
      }
      await repo.updateUser(tx, t, row.userId, {
        userName: after.userName,
        externalId: after.externalId,
        active: after.active,
        attributes: after.attributes,
      });
      await syncAccount(tx, t, row.userId, after);
      audit.push({
        action: 'scim.user.update',
        entityType: 'user',
        entityId: row.userId,
        before: userDocument(before),
        after: userDocument(after),
      });
    }
    if (before.active && !after.active) await deprovision(tx, t, row.userId, audit);
    else if (!before.active && after.active) await reactivate(tx, t, row.userId, audit);
    // Still inactive: it stays without roles here, whoever has added one since.
    else if (!after.active && (await repo.rolesIn(tx, t, row.userId)).length > 0) await deprovision(tx, t, row.userId, audit);
  }

  async function changeGroup(ctx: RequestContext, tx: Tx, audit: AuditEntry[], row: repo.ScimGroupRow, before: GroupDoc, after: GroupDoc) {
    const t = ctx.actor.tenantId;
    const renamed = after.displayName !== before.displayName;
    if (renamed && (await repo.findGroupByName(tx, t, after.displayName, row.id))) {
      throw uniqueness('A group with this displayName already exists');
    }
    const had = new Set(before.memberIds);
    const has = new Set(after.memberIds);
    const added = after.memberIds.filter((id) => !had.has(id));
    const removed = before.memberIds.filter((id) => !has.has(id));
    if (!renamed && after.externalId === before.externalId && added.length === 0 && removed.length === 0) return;
    await requireProvisioned(tx, t, added);
    await repo.updateGroup(tx, t, row.id, { displayName: after.displayName, externalId: after.externalId });
    await repo.addMembers(tx, row.id, added);
    await repo.removeMembers(tx, row.id, removed);
    await repo.touchUsers(tx, t, [...added, ...removed]);
    audit.push({
      action: 'scim.group.update',
      entityType: 'scim-group',
      entityId: row.id,
      before: { displayName: before.displayName, externalId: before.externalId },
      after: { displayName: after.displayName, externalId: after.externalId, membersAdded: added, membersRemoved: removed },
    });
    // Roles map from group names: a rename may change every member's roles.
    await recomputeRoles(tx, t, renamed ? [...before.memberIds, ...added] : [...added, ...removed], audit);
  }

  const groupDocOf = (r: GroupRecord): GroupDoc => ({
    displayName: r.row.displayName,
    externalId: r.row.externalId,
    memberIds: r.members.map((m) => m.userId),
  });

  return {
    async listUsers(actor: Actor, q: ListQuery) {
      const filter = q.filter === undefined ? [] : parseFilter(q.filter);
      return db.transaction(async (tx) => {
        const { total, rows } = await repo.listUsers(tx, actor.tenantId, filter, q.startIndex - 1, q.count);
        const groups = await repo.groupsOfUsers(
          tx,
          actor.tenantId,
          rows.map((r) => r.userId),
        );
        return { total, items: rows.map((row) => ({ row, groups: groups.get(row.userId) ?? [] })) };
      });
    },

    async getUser(actor: Actor, id: string): Promise<UserRecord> {
      const rec = await db.transaction((tx) => loadUser(tx, actor.tenantId, id));
      if (!rec) throw scimNotFound('User');
      return rec;
    },

    // userName is the sign-in address. An account with that address already (another tenant's
    // person, or one made by hand) is linked rather than duplicated: one person, one account.
    async createUser(ctx: RequestContext, body: unknown): Promise<UserRecord> {
      const d = parseUser(body, true);
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx, audit) => {
        if (await repo.findUserByUserName(tx, t, d.userName)) throw uniqueness('A user with this userName already exists');
        const existing = await repo.findAccountByEmail(tx, d.userName);
        if (existing && (await repo.findUser(tx, t, existing.id))) throw uniqueness('This account is already provisioned');
        const userId = existing?.id ?? (await repo.insertAccount(tx, d.userName, displayNameOf(d)));
        await repo.insertUser(tx, {
          tenantId: t,
          userId,
          userName: d.userName,
          externalId: d.externalId,
          active: d.active,
          attributes: d.attributes,
        });
        if (existing) await syncAccount(tx, t, userId, d);
        audit.push({
          action: 'scim.user.create',
          entityType: 'user',
          entityId: userId,
          after: { ...userDocument(d), linkedExistingAccount: !!existing },
        });
        // The IdP is the authority on whether the person is active here: a disabled account it sends
        // as active (re-created after a DELETE) is enabled again, as a PATCH to active would.
        if (!d.active) await deprovision(tx, t, userId, audit);
        else if (existing?.disabledAt) await reactivate(tx, t, userId, audit);
        else await recomputeRoles(tx, t, [userId], audit);
        return (await loadUser(tx, t, userId))!;
      });
    },

    async replaceUser(ctx: RequestContext, id: string, body: unknown, ifMatch?: string): Promise<UserRecord> {
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx, audit) => {
        const row = await repo.findUser(tx, t, id, true);
        if (!row) throw scimNotFound('User');
        assertIfMatch(ifMatch, row.version);
        // A PUT without `active` leaves it as it is: replacing must not quietly reactivate anyone.
        await changeUser(ctx, tx, audit, row, parseUser(body, row.active));
        return (await loadUser(tx, t, id))!;
      });
    },

    async patchUser(ctx: RequestContext, id: string, body: unknown, ifMatch?: string): Promise<UserRecord> {
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx, audit) => {
        const row = await repo.findUser(tx, t, id, true);
        if (!row) throw scimNotFound('User');
        assertIfMatch(ifMatch, row.version);
        const patched = applyPatch(userDef, userDocument(userDocOf(row)), body);
        await changeUser(ctx, tx, audit, row, parseUser(patched, row.active));
        return (await loadUser(tx, t, id))!;
      });
    },

    async deleteUser(ctx: RequestContext, id: string, ifMatch?: string): Promise<void> {
      const t = ctx.actor.tenantId;
      await write(ctx, async (tx, audit) => {
        const row = await repo.findUser(tx, t, id, true);
        if (!row) throw scimNotFound('User');
        assertIfMatch(ifMatch, row.version);
        const left = await repo.leaveGroups(tx, t, id);
        await repo.deleteUser(tx, t, id);
        audit.push({
          action: 'scim.user.delete',
          entityType: 'user',
          entityId: id,
          before: { ...userDocument(userDocOf(row)), groups: left },
        });
        await deprovision(tx, t, id, audit);
      });
    },

    async listGroups(actor: Actor, q: ListQuery, withMembers: boolean) {
      const filter = q.filter === undefined ? [] : parseFilter(q.filter);
      return db.transaction(async (tx) => {
        const { total, rows } = await repo.listGroups(tx, actor.tenantId, filter, q.startIndex - 1, q.count);
        const members = withMembers
          ? await repo.membersOfGroups(
              tx,
              actor.tenantId,
              rows.map((r) => r.id),
            )
          : new Map<string, repo.MemberRef[]>();
        return { total, items: rows.map((row) => ({ row, members: members.get(row.id) ?? [] })) };
      });
    },

    async getGroup(actor: Actor, id: string): Promise<GroupRecord> {
      const rec = await db.transaction((tx) => loadGroup(tx, actor.tenantId, id));
      if (!rec) throw scimNotFound('Group');
      return rec;
    },

    async createGroup(ctx: RequestContext, body: unknown): Promise<GroupRecord> {
      const d = parseGroup(body);
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx, audit) => {
        if (await repo.findGroupByName(tx, t, d.displayName)) throw uniqueness('A group with this displayName already exists');
        await requireProvisioned(tx, t, d.memberIds);
        const id = await repo.insertGroup(tx, t, d.displayName, d.externalId);
        await repo.addMembers(tx, id, d.memberIds);
        await repo.touchUsers(tx, t, d.memberIds);
        audit.push({ action: 'scim.group.create', entityType: 'scim-group', entityId: id, after: { ...d } });
        await recomputeRoles(tx, t, d.memberIds, audit);
        return (await loadGroup(tx, t, id))!;
      });
    },

    async replaceGroup(ctx: RequestContext, id: string, body: unknown, ifMatch?: string): Promise<GroupRecord> {
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx, audit) => {
        const row = await repo.findGroup(tx, t, id, true);
        if (!row) throw scimNotFound('Group');
        assertIfMatch(ifMatch, row.version);
        const current = (await loadGroup(tx, t, id))!;
        await changeGroup(ctx, tx, audit, row, groupDocOf(current), parseGroup(body));
        return (await loadGroup(tx, t, id))!;
      });
    },

    async patchGroup(ctx: RequestContext, id: string, body: unknown, ifMatch?: string): Promise<GroupRecord> {
      const t = ctx.actor.tenantId;
      return write(ctx, async (tx, audit) => {
        const row = await repo.findGroup(tx, t, id, true);
        if (!row) throw scimNotFound('Group');
        assertIfMatch(ifMatch, row.version);
        const current = (await loadGroup(tx, t, id))!;
        const before = groupDocOf(current);
        const doc = {
          displayName: before.displayName,
          ...(before.externalId ? { externalId: before.externalId } : {}),
          members: before.memberIds.map((value) => ({ value })),
        };
        await changeGroup(ctx, tx, audit, row, before, parseGroup(applyPatch(groupDef, doc, body)));
        return (await loadGroup(tx, t, id))!;
      });
    },

    async deleteGroup(ctx: RequestContext, id: string, ifMatch?: string): Promise<void> {
      const t = ctx.actor.tenantId;
      await write(ctx, async (tx, audit) => {
        const row = await repo.findGroup(tx, t, id, true);
        if (!row) throw scimNotFound('Group');
        assertIfMatch(ifMatch, row.version);
        const members = groupDocOf((await loadGroup(tx, t, id))!).memberIds;
        await repo.deleteGroup(tx, t, id);
        await repo.touchUsers(tx, t, members);
        audit.push({
          action: 'scim.group.delete',
          entityType: 'scim-group',
          entityId: id,
          before: { displayName: row.displayName, externalId: row.externalId, members },
        });
        await recomputeRoles(tx, t, members, audit);
      });
    },
  };
}

export type ScimService = ReturnType<typeof createScimService>;
