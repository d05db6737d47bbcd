import { listResponse } from './scim.presenter.js';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, groupDef, USER_SCHEMA, userDef, type AttrDef } from './scim.schema.js';

// The discovery documents of RFC 7643 §5–7, built from the same attribute lists the server
// accepts, so what Tillit claims and what it does cannot drift apart.

export const MAX_RESULTS = 200;

const subType = (name: string) => (name === 'primary' ? 'boolean' : name === '$ref' ? 'reference' : 'string');

function attribute(a: AttrDef) {
  const base = {
    name: a.name,
    type: a.kind === 'multi' ? 'complex' : a.kind,
    multiValued: a.kind === 'multi',
    description: a.description,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: a.uniqueness ?? 'none',
  };
  if (!a.subs) return base;
  return {
    ...base,
    subAttributes: a.subs.map((s) => ({
      name: s,
      type: subType(s),
      multiValued: false,
      description: s,
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
      ...(s === '$ref' ? { referenceTypes: ['User', 'Group', 'external'] } : {}),
    })),
  };
}

const readOnly = (name: string, description: string, subs?: string[]) => ({
  name,
  type: subs ? 'complex' : 'string',
  multiValued: !!subs,
  description,
  required: false,
  caseExact: false,
  mutability: 'readOnly',
  returned: 'default',
  uniqueness: 'none',
  ...(subs
    ? {
        subAttributes: subs.map((s) => ({
          name: s,
          type: subType(s),
          multiValued: false,
          description: s,
          required: false,
          caseExact: false,
          mutability: 'readOnly',
          returned: 'default',
          uniqueness: 'none',
        })),
      }
    : {}),
});

function schemaDocs(base: string) {
  const doc = (id: string, name: string, description: string, attributes: unknown[]) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
  });
  return [
    doc(USER_SCHEMA, 'User', 'A person who signs in to Tillit', [
      ...userDef.attrs.map(attribute),
      readOnly('groups', 'Groups the user is a member of (change them through /Groups)', ['value', '$ref', 'display', 'type']),
    ]),
    doc(ENTERPRISE_SCHEMA, 'EnterpriseUser', 'Enterprise user', userDef.ext!.attrs.map(attribute)),
    doc(GROUP_SCHEMA, 'Group', 'A group of the identity provider; its name maps to roles in Tillit', groupDef.attrs.map(attribute)),
  ];
}

export const schemasList = (base: string) => {
  const all = schemaDocs(base);
  return listResponse(all, all.length, 1);
};
export const schemaById = (base: string, id: string) => schemaDocs(base).find((s) => s.id.toLowerCase() === id.toLowerCase()) ?? null;

function resourceTypeDocs(base: string) {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User account',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

export const resourceTypesList = (base: string) => {
  const all = resourceTypeDocs(base);
  return listResponse(all, all.length, 1);
};
export const resourceTypeById = (base: string, id: string) =>
  resourceTypeDocs(base).find((r) => r.id.toLowerCase() === id.toLowerCase()) ?? null;

export const serviceProviderConfig = (base: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api/docs`,
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: true },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'API token',
      description: 'A Tillit API token with the role provisioning, sent as Authorization: Bearer <token>',
      primary: true,
    },
  ],
  meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
});
