import type { GroupRef, MemberRef, ScimGroupRow, ScimUserRow } from './scim.repository.js';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, userDocument, type UserDoc } from './scim.schema.js';

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export const etag = (version: number) => `W/"${version}"`;

export const userDocOf = (r: ScimUserRow): UserDoc => ({
  userName: r.userName,
  externalId: r.externalId,
  active: r.active,
  attributes: (r.attributes ?? {}) as Record<string, unknown>,
});

export interface UserRecord {
  row: ScimUserRow;
  groups: GroupRef[];
}
export interface GroupRecord {
  row: ScimGroupRow;
  members: MemberRef[];
}

// `base` is the absolute address of /scim/v2 as the client reached it.
export function presentUser(base: string, { row, groups }: UserRecord, exclude: Set<string> = new Set()) {
  const doc = userDocOf(row);
  const location = `${base}/Users/${row.userId}`;
  return {
    schemas: doc.attributes[ENTERPRISE_SCHEMA] ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: row.userId,
    ...userDocument(doc),
    ...(exclude.has('groups')
      ? {}
      : { groups: groups.map((g) => ({ value: g.id, display: g.displayName, $ref: `${base}/Groups/${g.id}`, type: 'direct' })) }),
    meta: {
      resourceType: 'User',
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location,
      version: etag(row.version),
    },
  };
}

export function presentGroup(base: string, { row, members }: GroupRecord, exclude: Set<string> = new Set()) {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    displayName: row.displayName,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    ...(exclude.has('members')
      ? {}
      : { members: members.map((m) => ({ value: m.userId, display: m.display, $ref: `${base}/Users/${m.userId}`, type: 'User' })) }),
    meta: {
      resourceType: 'Group',
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${base}/Groups/${row.id}`,
      version: etag(row.version),
    },
  };
}

export const listResponse = (resources: unknown[], total: number, startIndex: number) => ({
  schemas: [LIST_SCHEMA],
  totalResults: total,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});
