import { X509Certificate } from 'node:crypto';
import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import { notFound, Problem } from '../../platform/problems.js';
import { assertProviderAction } from './sso.policy.js';
import { presentProvider, providerSnapshot } from './sso.presenter.js';
import * as repo from './sso.repository.js';
import type { ProviderCreate, ProviderKind, ProviderOut, ProviderPatch } from './sso.schemas.js';
import { isAllowedIdpUrl } from './sso.urls.js';

type FieldError = { field: string; code: string; sv: string; en: string };

const defaults: Record<ProviderKind, { groupsClaim: string; emailClaim: string; nameClaim: string }> = {
  oidc: { groupsClaim: 'groups', emailClaim: 'email', nameClaim: 'name' },
  // mail and displayName as SAML attributes are named by their OIDs (eduPerson / Sweden Connect)
  saml: { groupsClaim: 'groups', emailClaim: 'urn:oid:0.9.2342.19200300.100.1.3', nameClaim: 'urn:oid:2.16.840.1.113730.3.1.241' },
};
const DEFAULT_SCOPES = 'openid profile email';

const kindFields: Record<ProviderKind, readonly string[]> = {
  oidc: ['issuer', 'clientId', 'clientSecret', 'scopes'],
  saml: ['entityId', 'ssoUrl', 'certificate'],
};

const required = (field: string): FieldError => ({ field, code: 'required', sv: 'Fältet måste fyllas i.', en: 'This field is required.' });

// Accepts the PEM block or just its base64 body (as IdP metadata shows it); stores it as PEM.
function certificatePem(raw: string): string | null {
  const pem = raw.includes('-----BEGIN')
    ? raw
    : `-----BEGIN CERTIFICATE-----\n${(raw.replace(/\s+/g, '').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
  try {
    return new X509Certificate(pem).toString();
  } catch {
    return null;
  }
}

interface Draft {
  name: string;
  enabled: boolean;
  requiredAssurance: string[];
  groupsClaim: string;
  emailClaim: string;
  nameClaim: string;
  issuer?: string;
  clientId?: string;
  scopes?: string;
  entityId?: string;
  ssoUrl?: string;
  certificate?: string;
}

// Checks the provider as it will be stored and builds its config; all problems at once.
function resolve(kind: ProviderKind, input: ProviderPatch, draft: Draft) {
  const errors: FieldError[] = [];
  for (const other of kindFields[kind === 'oidc' ? 'saml' : 'oidc']) {
    if ((input as Record<string, unknown>)[other] !== undefined) {
      errors.push({
        field: other,
        code: 'not_for_kind',
        sv: `Fältet gäller inte för ${kind === 'oidc' ? 'OpenID Connect' : 'SAML'}.`,
        en: `This field does not apply to ${kind === 'oidc' ? 'OpenID Connect' : 'SAML'}.`,
      });
    }
  }
  const url = (field: 'issuer' | 'ssoUrl') => {
    const v = draft[field];
    if (!v) errors.push(required(field));
    else if (!isAllowedIdpUrl(v)) {
      errors.push({
        field,
        code: 'invalid_url',
        sv: 'Ange en fullständig webbadress som börjar med https://.',
        en: 'Enter a full web address starting with https://.',
      });
    }
  };
  let config: repo.OidcConfig | repo.SamlConfig;
  if (kind === 'oidc') {
    url('issuer');
    if (draft.issuer && (draft.issuer.includes('?') || draft.issuer.includes('#'))) {
      errors.push({
        field: 'issuer',
        code: 'invalid_url',
        sv: 'Utfärdarens adress får inte innehålla ? eller #.',
        en: 'The issuer address must not contain ? or #.',
      });
    }
    if (!draft.clientId) errors.push(required('clientId'));
    const scopes = (draft.scopes ?? DEFAULT_SCOPES).split(/\s+/).filter(Boolean);
    if (!scopes.includes('openid') || scopes.some((s) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s))) {
      errors.push({
        field: 'scopes',
        code: 'invalid_scopes',
        sv: 'Ange scopes åtskilda med mellanslag, och ta med openid.',
        en: 'Enter scopes separated by spaces, including openid.',
      });
    }
    config = {
      issuer: draft.issuer?.replace(/\/+$/, '') ?? '',
      clientId: draft.clientId ?? '',
      scopes: [...new Set(scopes)].join(' '),
      emailClaim: draft.emailClaim,
      nameClaim: draft.nameClaim,
    };
  } else {
    if (!draft.entityId) errors.push(required('entityId'));
    url('ssoUrl');
    let certificate = '';
    if (!draft.certificate) errors.push(required('certificate'));
    else {
      const pem = certificatePem(draft.certificate);
      if (pem) certificate = pem;
      else {
        errors.push({
          field: 'certificate',
          code: 'invalid_certificate',
          sv: 'Certifikatet kunde inte läsas. Klistra in identitetsleverantörens signeringscertifikat i PEM-format (det börjar med -----BEGIN CERTIFICATE-----).',
          en: 'The certificate could not be read. Paste the identity provider’s signing certificate in PEM format (it starts with -----BEGIN CERTIFICATE-----).',
        });
      }
    }
    config = {
      entityId: draft.entityId ?? '',
      ssoUrl: draft.ssoUrl ?? '',
      certificate,
      emailClaim: draft.emailClaim,
      nameClaim: draft.nameClaim,
    };
  }
  if (errors.length > 0) throw new Problem('validation', undefined, errors);
  return {
    name: draft.name,
    enabled: draft.enabled,
    requiredAssurance: [...new Set(draft.requiredAssurance)],
    groupsClaim: draft.groupsClaim,
    config,
  };
}

function draftOf(row: repo.ProviderRow): Draft {
  const c = row.config as Partial<repo.OidcConfig & repo.SamlConfig>;
  return {
    name: row.name,
    enabled: row.enabled,
    requiredAssurance: row.requiredAssurance,
    groupsClaim: row.groupsClaim,
    emailClaim: c.emailClaim ?? defaults[row.kind as ProviderKind].emailClaim,
    nameClaim: c.nameClaim ?? defaults[row.kind as ProviderKind].nameClaim,
    issuer: c.issuer,
    clientId: c.clientId,
    scopes: c.scopes,
    entityId: c.entityId,
    ssoUrl: c.ssoUrl,
    certificate: c.certificate,
  };
}

// jsonb hands keys back in its own order: compare with sorted keys.
const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
  );

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function createSsoAdminService(db: Db, box: SecretBox) {
  const load = async (tx: Tx, actor: Actor, id: string, base: string): Promise<ProviderOut | null> => {
    const row = await repo.findProvider(tx, actor.tenantId, id);
    return row ? presentProvider(actor, row, base) : null;
  };

  return {
    async list(actor: Actor, base: string): Promise<{ items: ProviderOut[]; nextCursor: null }> {
      assertProviderAction(actor, 'read');
      const rows = await withTenant(db, actor.tenantId, (tx) => repo.listProviders(tx, actor.tenantId));
      return { items: rows.map((r) => presentProvider(actor, r, base)), nextCursor: null };
    },

    async get(actor: Actor, id: string, base: string): Promise<ProviderOut> {
      assertProviderAction(actor, 'read');
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id, base));
      if (!out) throw notFound();
      return out;
    },

    async create(ctx: RequestContext, input: ProviderCreate, base: string): Promise<ProviderOut> {
      assertProviderAction(ctx.actor, 'create');
      const { kind, clientSecret, ...rest } = input;
      const v = resolve(kind, input, {
        enabled: true,
        requiredAssurance: [],
        ...defaults[kind],
        ...defined(rest),
      } as Draft);
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const row = await repo.insertProvider(tx, t, { kind, ...v, secretEnc: clientSecret ? box.seal(clientSecret) : null });
        const out = presentProvider(ctx.actor, row, base);
        await recordAudit(tx, ctx, {
          action: 'identity-provider.create',
          entityType: 'identity-provider',
          entityId: row.id,
          after: providerSnapshot(out),
        });
        return out;
      });
    },

    // If-Match as for the registers; a change that changes nothing keeps the version.
    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: ProviderPatch, base: string): Promise<ProviderOut> {
      assertProviderAction(ctx.actor, 'update');
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const row = await repo.findProvider(tx, t, id, true);
        if (!row) throw notFound();
        if (row.version !== expectedVersion) throw new Problem('precondition-failed');
        const kind = row.kind as ProviderKind;
        const { clientSecret, ...rest } = patch;
        const v = resolve(kind, patch, { ...draftOf(row), ...defined(rest) });
        const values: Partial<repo.ProviderRow> = { ...v };
        let secretChanged = false;
        if (clientSecret !== undefined) {
          const current = row.secretEnc ? box.open(row.secretEnc) : null;
          secretChanged = current !== clientSecret;
          if (secretChanged) values.secretEnc = clientSecret === null ? null : box.seal(clientSecret);
        }
        const before = presentProvider(ctx.actor, row, base);
        const unchanged =
          !secretChanged &&
          stable([row.name, row.enabled, row.requiredAssurance, row.groupsClaim, row.config]) ===
            stable([v.name, v.enabled, v.requiredAssurance, v.groupsClaim, v.config]);
        if (unchanged) return before;
        // Another issuer, entity id or signing certificate is another IdP: the subjects it asserts
        // are its own, so the links made under the old one go (people link again by e-mail).
        const identityOf = (c: unknown) => {
          const x = c as Record<string, unknown>;
          return stable([x.issuer, x.entityId, x.certificate]);
        };
        const relinked = identityOf(row.config) !== identityOf(v.config) && (await repo.unlinkAll(tx, id)) > 0;
        const after = presentProvider(ctx.actor, await repo.updateProvider(tx, t, id, values), base);
        await recordAudit(tx, ctx, {
          action: 'identity-provider.update',
          entityType: 'identity-provider',
          entityId: id,
          before: providerSnapshot(before),
          after: {
            ...providerSnapshot(after),
            ...(secretChanged ? { clientSecretChanged: true } : {}),
            ...(relinked ? { userLinksRemoved: true } : {}),
          },
        });
        return after;
      });
    },

    // Removing a provider removes its links to users (their accounts stay) and open sign-ins.
    async remove(ctx: RequestContext, id: string, expectedVersion: number, base: string): Promise<void> {
      assertProviderAction(ctx.actor, 'archive');
      const t = ctx.actor.tenantId;
      await withTenant(db, t, async (tx) => {
        const row = await repo.findProvider(tx, t, id, true);
        if (!row) throw notFound();
        if (row.version !== expectedVersion) throw new Problem('precondition-failed');
        await repo.deleteProvider(tx, t, id);
        await recordAudit(tx, ctx, {
          action: 'identity-provider.delete',
          entityType: 'identity-provider',
          entityId: id,
          before: providerSnapshot(presentProvider(ctx.actor, row, base)),
        });
      });
    },
  };
}

export type SsoAdminService = ReturnType<typeof createSsoAdminService>;
