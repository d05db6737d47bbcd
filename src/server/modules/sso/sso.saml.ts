import { randomBytes } from 'node:crypto';
import {
  generateServiceProviderMetadata,
  SAML,
  SamlStatusError,
  ValidateInResponseTo,
  type CacheProvider,
  type Profile,
  type SamlConfig as NodeSamlConfig,
} from '@node-saml/node-saml';
import type { SpCredential } from '../../platform/crypto/sp-credential.js';
import type { ProviderRow, SamlConfig } from './sso.repository.js';
import { newBinding, SsoRefusal, STATE_TTL_MS, type ExternalProfile, type SamlState, type StateStore } from './sso.state.js';
import { samlAcsUrl, samlEntityId } from './sso.urls.js';

const CLOCK_SKEW_MS = 60_000;

function samlClient(
  p: ProviderRow,
  sp: { entityId: string; acsUrl: string },
  credential: SpCredential,
  extra: Partial<NodeSamlConfig> = {},
): SAML {
  const cfg = p.config as SamlConfig;
  return new SAML({
    // AuthnRequests are signed, and encrypted assertions decrypted, with the SP key (Sweden Connect
    // requires both; IdPs that want neither ignore the signature and send plain assertions)
    privateKey: credential.key,
    decryptionPvk: credential.key,
    entryPoint: cfg.ssoUrl,
    issuer: sp.entityId,
    audience: sp.entityId,
    callbackUrl: sp.acsUrl,
    idpCert: cfg.certificate,
    idpIssuer: cfg.entityId,
    // no NameID format asked for: the IdP sends the one agreed for this SP (persistent, as a rule)
    identifierFormat: null,
    // A valid signature over the whole response, or else over the assertion, is always required
    // (node-saml checks the assertion whenever the response is not validly signed); demanding one
    // particular place would refuse IdPs that sign the other.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    disableRequestedAuthnContext: p.requiredAssurance.length === 0,
    ...(p.requiredAssurance.length > 0 ? { authnContext: p.requiredAssurance } : {}),
    racComparison: 'exact',
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    signatureAlgorithm: 'sha256',
    ...extra,
  });
}

export function spMetadata(p: ProviderRow, base: string, credential: SpCredential): string {
  return generateServiceProviderMetadata({
    issuer: samlEntityId(base, p.id),
    callbackUrl: samlAcsUrl(base),
    identifierFormat: null,
    // the one certificate for signing and encryption, so the IdP can check requests and encrypt to us
    publicCerts: credential.cert,
    decryptionCert: credential.cert,
    privateKey: credential.key,
    decryptionPvk: credential.key,
    // what we ask IdPs for; a signed response is accepted as well (see samlClient)
    wantAssertionsSigned: true,
  });
}

// AuthnRequest by the redirect binding. The request id and the RelayState are kept in sso_states:
// the response must answer exactly this request, once, within ten minutes, in the same browser.
export async function startSaml(p: ProviderRow, states: StateStore, base: string, next: string, credential: SpCredential) {
  const sp = { entityId: samlEntityId(base, p.id), acsUrl: samlAcsUrl(base) };
  const requestId = `_${randomBytes(20).toString('hex')}`;
  const binding = newBinding();
  const state: SamlState = { kind: 'saml', requestId, createdAt: new Date().toISOString(), ...sp, next, bind: binding.hash };
  const relayState = await states.put(p.id, state);
  const client = samlClient(p, sp, credential, { generateUniqueId: () => requestId });
  return { url: await client.getAuthorizeUrlAsync(relayState, undefined, {}), binding: binding.value };
}

type Xml = Record<string, unknown> & { $?: Record<string, string>; _?: string };
const children = (node: unknown, name: string): Xml[] => {
  const v = (node as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(v) ? (v as Xml[]) : [];
};

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return v ? [v] : [];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.length > 0);
  return [];
}

function statusCode(err: SamlStatusError): SsoRefusal {
  // The IdP could not give the requested assurance level (saml-core 3.2.2.2).
  if (err.xmlStatus.includes('NoAuthnContext')) return new SsoRefusal('assurance-too-low', 'IdP answered NoAuthnContext');
  return new SsoRefusal('failed', `IdP answered ${err.message.slice(0, 120)}`);
}

// Validates a POSTed SAMLResponse for the state its RelayState names: signature (IdP certificate),
// issuer, audience, time limits, InResponseTo (here and in the signed subject confirmation),
// recipient, then the assurance level.
export async function validateSamlResponse(
  samlResponse: string | undefined,
  relayState: string | undefined,
  loadProvider: (id: string) => Promise<ProviderRow | null>,
  states: StateStore,
  credential: SpCredential,
): Promise<{ provider: ProviderRow; profile: ExternalProfile; state: SamlState }> {
  const { providerId, state } = await states.take(relayState, 'saml');
  const p = await loadProvider(providerId);
  if (!p || !p.enabled || p.kind !== 'saml') throw new SsoRefusal('failed', 'provider removed or disabled');
  if (!samlResponse) throw new SsoRefusal('failed', 'no SAMLResponse');
  // The one request this response may answer; node-saml asks its cache about InResponseTo.
  const cache: CacheProvider = {
    saveAsync: async () => null,
    getAsync: async (key) => (key === state.requestId ? state.createdAt : null),
    removeAsync: async (key) => key,
  };
  const client = samlClient(p, state, credential, {
    validateInResponseTo: ValidateInResponseTo.always,
    cacheProvider: cache,
    requestIdExpirationPeriodMs: STATE_TTL_MS,
  });
  let profile: Profile | null;
  try {
    ({ profile } = await client.validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (err) {
    if (err instanceof SamlStatusError) throw statusCode(err);
    throw new SsoRefusal('failed', `response refused: ${String((err as Error).message).slice(0, 200)}`);
  }
  if (!profile?.nameID) throw new SsoRefusal('failed', 'no subject in the assertion');
  const cfg = p.config as SamlConfig;
  if (profile.issuer !== cfg.entityId) throw new SsoRefusal('failed', 'assertion from another issuer');

  const assertion = (profile.getAssertion?.() as { Assertion?: unknown } | undefined)?.Assertion;
  const confirmed = children(children(assertion, 'Subject')[0], 'SubjectConfirmation').some((sc) =>
    children(sc, 'SubjectConfirmationData').some(
      (d) => d.$?.InResponseTo === state.requestId && (d.$?.Recipient === undefined || d.$.Recipient === state.acsUrl),
    ),
  );
  if (!confirmed) throw new SsoRefusal('failed', 'signed subject confirmation does not answer this request');

  const authnContext = children(children(assertion, 'AuthnStatement')[0], 'AuthnContext')[0];
  const classRef = children(authnContext, 'AuthnContextClassRef')[0]?._ ?? null;
  if (p.requiredAssurance.length > 0 && (!classRef || !p.requiredAssurance.includes(classRef))) {
    throw new SsoRefusal('assurance-too-low', `AuthnContextClassRef ${classRef ?? 'missing'} not accepted`);
  }

  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  return {
    provider: p,
    state,
    profile: {
      subject: profile.nameID,
      email: stringList(attributes[cfg.emailClaim])[0] ?? stringList(profile.email)[0] ?? null,
      emailTrusted: true,
      name: stringList(attributes[cfg.nameClaim])[0] ?? null,
      groups: stringList(attributes[p.groupsClaim]),
    },
  };
}
