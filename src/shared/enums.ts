// Value lists shared by the API schemas, the database and the web app. Labels live in i18n.
export const orgUnitTypes = ['department', 'operation', 'unit', 'company'] as const;
export type OrgUnitType = (typeof orgUnitTypes)[number];

export const lifecycleStatuses = ['planned', 'in_use', 'phasing_out', 'retired'] as const;
export type LifecycleStatus = (typeof lifecycleStatuses)[number];

export const hostingTypes = ['local', 'external', 'cloud'] as const;
export type HostingType = (typeof hostingTypes)[number];

export const authenticationMethods = [
  'username_password',
  'sso',
  'bankid',
  'freja_eid_plus',
  'siths',
  'e_id_card',
  'token',
  'other',
] as const;
export type AuthenticationMethod = (typeof authenticationMethods)[number];

export const costCategories = ['licence', 'operation', 'support', 'consultancy', 'hosting', 'development', 'other'] as const;
export type CostCategory = (typeof costCategories)[number];

export const personalDataLevels = ['none', 'ordinary', 'sensitive', 'personnummer'] as const;
export type PersonalDataLevel = (typeof personalDataLevels)[number];

export const roles = ['tenant_admin', 'editor', 'reader'] as const;
export type Role = (typeof roles)[number];

export const objectActions = ['read', 'update', 'archive', 'restore'] as const;
export type ObjectAction = (typeof objectActions)[number];
