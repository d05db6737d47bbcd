import { sql, type SQL } from 'drizzle-orm';

// Two identity-provider rows (in different tenants) are the same IdP when an OIDC issuer is the same
// (its tokens are checked against that issuer's own keys) or a SAML entity id AND signing
// certificate are the same (a look-alike entity id with another certificate is someone else).
export const sameIdp = (a: string, b: string): SQL =>
  sql`${sql.raw(a)}.kind = ${sql.raw(b)}.kind and (
    (${sql.raw(a)}.kind = 'oidc' and ${sql.raw(a)}.config->>'issuer' = ${sql.raw(b)}.config->>'issuer')
    or (${sql.raw(a)}.kind = 'saml' and ${sql.raw(a)}.config->>'entityId' = ${sql.raw(b)}.config->>'entityId'
      and ${sql.raw(a)}.config->>'certificate' = ${sql.raw(b)}.config->>'certificate'))`;

// Is this person linked, with this subject, to the same IdP through another provider row, in
// `inTenant` when given? A joint IT organisation's IdP configured in several municipalities.
export function linkedThroughSameIdp(providerId: string, userId: string, subject: string | null, inTenant?: string): SQL {
  return sql`exists (select 1 from identity_providers pa
    join identity_providers pb on pb.id <> pa.id and pb.enabled and ${sameIdp('pa', 'pb')}
    join external_identities eb on eb.provider_id = pb.id and eb.user_id = ${userId}
    where pa.id = ${providerId}
      ${subject === null ? sql`and eb.subject = (select ea.subject from external_identities ea where ea.provider_id = pa.id and ea.user_id = ${userId} limit 1)` : sql`and eb.subject = ${subject}`}
      ${inTenant ? sql`and pb.tenant_id = ${inTenant}` : sql``})`;
}
