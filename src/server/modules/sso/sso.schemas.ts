import { z } from 'zod';
import { pageOf } from '../../platform/schema-helpers.js';

export const providerKinds = ['oidc', 'saml'] as const;
export type ProviderKind = (typeof providerKinds)[number];

// The codes a refused SSO sign-in sends back to /sign-in?sso_error=…; the page words each one.
export const ssoErrorCodes = ['assurance-too-low', 'no-access', 'failed', 'expired', 'unavailable'] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];

const claimName = z.string().trim().min(1).max(300);

// One flat shape for both kinds keeps forms and field errors simple; the service checks which
// fields the kind needs and refuses the other kind's fields.
const providerFields = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean(),
  // accepted acr (OIDC) or AuthnContextClassRef (SAML) values; empty = any
  requiredAssurance: z.array(z.string().trim().min(1).max(300)).max(20),
  // claim (OIDC) or attribute name (SAML) holding the user's groups, e-mail address and name
  groupsClaim: claimName,
  emailClaim: claimName,
  nameClaim: claimName,
  // OIDC
  issuer: z.string().trim().min(1).max(500),
  clientId: z.string().trim().min(1).max(300),
  clientSecret: z.string().min(1).max(2000).nullable(),
  scopes: z.string().trim().min(1).max(500),
  // SAML
  entityId: z.string().trim().min(1).max(500),
  ssoUrl: z.string().trim().min(1).max(1000),
  certificate: z.string().trim().min(1).max(20_000),
};

export const providerCreate = z.strictObject({
  kind: z.enum(providerKinds),
  name: providerFields.name,
  enabled: providerFields.enabled.optional(),
  requiredAssurance: providerFields.requiredAssurance.optional(),
  groupsClaim: providerFields.groupsClaim.optional(),
  emailClaim: providerFields.emailClaim.optional(),
  nameClaim: providerFields.nameClaim.optional(),
  issuer: providerFields.issuer.optional(),
  clientId: providerFields.clientId.optional(),
  clientSecret: providerFields.clientSecret.optional(),
  scopes: providerFields.scopes.optional(),
  entityId: providerFields.entityId.optional(),
  ssoUrl: providerFields.ssoUrl.optional(),
  certificate: providerFields.certificate.optional(),
});
export type ProviderCreate = z.infer<typeof providerCreate>;

export const providerPatch = providerCreate.omit({ kind: true }).partial();
export type ProviderPatch = z.infer<typeof providerPatch>;

export const providerActions = ['read', 'update', 'delete'] as const;

export const providerOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  kind: z.enum(providerKinds),
  name: z.string(),
  enabled: z.boolean(),
  requiredAssurance: z.array(z.string()),
  groupsClaim: z.string(),
  emailClaim: z.string(),
  nameClaim: z.string(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  // the secret itself is never returned, only whether one is stored
  clientSecretSet: z.boolean(),
  scopes: z.string().nullable(),
  entityId: z.string().nullable(),
  ssoUrl: z.string().nullable(),
  certificate: z.string().nullable(),
  certificateExpiresAt: z.string().nullable(),
  // what to give the IdP: the OIDC redirect URI, or the SAML SP entity id, ACS URL and metadata URL
  redirectUri: z.string().nullable(),
  spEntityId: z.string().nullable(),
  acsUrl: z.string().nullable(),
  metadataUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(providerActions)),
});
export type ProviderOut = z.infer<typeof providerOut>;

export const providerPage = pageOf(providerOut);

// Public sign-in routes.
export const providersQuery = z.object({ organisation: z.string().trim().max(200).optional() });
export const publicProvider = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(providerKinds) });
export const publicProviders = z.array(publicProvider);

export const startQuery = z.object({ next: z.string().max(2000).optional() });
export const providerParams = z.object({ providerId: z.uuid() });
