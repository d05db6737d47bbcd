import { X509Certificate } from 'node:crypto';
import type { Actor } from '../../platform/access.js';
import { providerActionsFor } from './sso.policy.js';
import type { OidcConfig, ProviderRow, SamlConfig } from './sso.repository.js';
import type { ProviderKind, ProviderOut } from './sso.schemas.js';
import { oidcRedirectUri, samlAcsUrl, samlEntityId } from './sso.urls.js';

function expiryOf(pem: string): string | null {
  try {
    return new Date(new X509Certificate(pem).validTo).toISOString();
  } catch {
    return null;
  }
}

// `base` is this instance's public address: the admin page shows what to register at the IdP.
export function presentProvider(actor: Actor, r: ProviderRow, base: string): ProviderOut {
  const kind = r.kind as ProviderKind;
  const oidc = kind === 'oidc' ? (r.config as OidcConfig) : null;
  const saml = kind === 'saml' ? (r.config as SamlConfig) : null;
  return {
    id: r.id,
    version: r.version,
    kind,
    name: r.name,
    enabled: r.enabled,
    requiredAssurance: r.requiredAssurance,
    groupsClaim: r.groupsClaim,
    emailClaim: (oidc ?? saml)?.emailClaim ?? '',
    nameClaim: (oidc ?? saml)?.nameClaim ?? '',
    issuer: oidc?.issuer ?? null,
    clientId: oidc?.clientId ?? null,
    clientSecretSet: r.secretEnc !== null,
    scopes: oidc?.scopes ?? null,
    entityId: saml?.entityId ?? null,
    ssoUrl: saml?.ssoUrl ?? null,
    certificate: saml?.certificate ?? null,
    certificateExpiresAt: saml ? expiryOf(saml.certificate) : null,
    redirectUri: oidc ? oidcRedirectUri(base) : null,
    spEntityId: saml ? samlEntityId(base, r.id) : null,
    acsUrl: saml ? samlAcsUrl(base) : null,
    metadataUrl: saml ? samlEntityId(base, r.id) : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: providerActionsFor(actor),
  };
}

// Audit entries keep the configuration as stored: no secret (only whether one is set), and none of
// the addresses that depend on how the admin reached the server.
export const providerSnapshot = ({
  allowedActions: _a,
  redirectUri: _r,
  spEntityId: _s,
  acsUrl: _c,
  metadataUrl: _m,
  ...rest
}: ProviderOut) => rest;
