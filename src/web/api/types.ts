// Domain types the pages use, mirroring docs/api.md. The request/response contract the client is
// typed against is the generated schema.d.ts (`npm run gen:api`); tsc fails if these drift from it
// where the two meet in api/resources.ts.

export type AllowedAction = 'read' | 'update' | 'archive' | 'restore';

export interface Meta {
  id: string;
  version: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  allowedActions: AllowedAction[];
}

export interface Ref {
  id: string;
  name: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string; code: string }[];
}

export interface User {
  id: string;
  email: string;
  displayName: string;
}
export interface LoginResponse {
  user: User;
  csrfToken: string;
}
export interface Me extends LoginResponse {
  tenant: Ref;
  roles: string[];
  /** Role grants with their scope, as /auth/me reports them. */
  grants: { role: string; scopeType: string; unitId: string | null; systemIds: string[]; supplierId: string | null }[];
  /** What the user may do anywhere in the organisation, per resource: shows or hides navigation. */
  permissions: Record<string, ('read' | 'create' | 'update' | 'archive' | 'restore')[]>;
}

export const ORG_UNIT_TYPES = ['department', 'operation', 'unit', 'company'] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];
export interface OrgUnitInput {
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  description: string | null;
}
export type OrgUnit = Meta & OrgUnitInput;

export const LIFECYCLE = ['planned', 'in_use', 'phasing_out', 'retired'] as const;
export type Lifecycle = (typeof LIFECYCLE)[number];
export const HOSTING = ['local', 'external', 'cloud'] as const;
export type Hosting = (typeof HOSTING)[number];
export const AUTH_METHODS = ['username_password', 'sso', 'bankid', 'freja_eid_plus', 'siths', 'e_id_card', 'token', 'other'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
export const COST_CATEGORIES = ['licence', 'operation', 'support', 'consultancy', 'hosting', 'development', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export interface CostLine {
  category: CostCategory;
  amountSek: number;
  year: number;
  note: string | null;
}

export interface SystemInput {
  name: string;
  description: string | null;
  responsibleUnitId: string;
  systemOwner: string | null;
  systemAdministrators: string[];
  operationsResponsible: string | null;
  supplier: string | null;
  hosting: Hosting | null;
  authenticationMethod: AuthMethod | null;
  critical: boolean;
  lifecycleStatus: Lifecycle;
  lastReviewedOn: string | null;
  costs: CostLine[];
  secret: boolean;
  /** The OSL provision a secrecy marking rests on; required when `secret`. */
  secrecyProvision: string | null;
}
/**
 * A record as the API returns it. `masked`: the record is secret-marked and this viewer lacks need-to-know,
 * so its content fields (name included) are null or empty: withheld, not missing.
 */
interface Secrecy {
  secret: boolean;
  secrecyProvision: string | null;
  masked: boolean;
}
export type System = Meta &
  Omit<SystemInput, 'name' | 'secret' | 'secrecyProvision'> &
  Secrecy & { name: string | null; responsibleUnit: Ref; informationAssets: Ref[] };

export const PERSONAL_DATA = ['none', 'ordinary', 'sensitive', 'personnummer'] as const;
export type PersonalData = (typeof PERSONAL_DATA)[number];
export interface InformationAssetInput {
  name: string;
  description: string | null;
  owner: string | null;
  unitId: string;
  personalData: PersonalData;
  systemIds: string[];
  secret: boolean;
  secrecyProvision: string | null;
}
export type InformationAsset = Meta &
  Omit<InformationAssetInput, 'name' | 'secret' | 'secrecyProvision'> &
  Secrecy & { name: string | null; unit: Ref; systems: Ref[] };

export interface ListQuery {
  limit?: number;
  cursor?: string;
  sort?: string;
  q?: string;
  /** Query strings carry booleans as text, as the generated schema types them. */
  includeArchived?: 'true' | 'false';
}
export interface SystemQuery extends ListQuery {
  unitId?: string;
  owner?: string;
  status?: Lifecycle;
  critical?: 'true' | 'false';
  /** `YYYY-MM-DD`: systems last reviewed before this date, or never (D1-13). */
  reviewedBefore?: string;
}
export interface AssetQuery extends ListQuery {
  unitId?: string;
  systemId?: string;
  personalData?: PersonalData;
}
export interface OrgUnitQuery extends ListQuery {
  type?: OrgUnitType;
  parentId?: string;
}
