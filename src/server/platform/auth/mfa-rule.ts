import { sql, type SQL } from 'drizzle-orm';

// Sign-in methods that count as more than a password: a second factor, or an IdP sign-in whose
// assurance level was checked.
export const strongAuthMethods = ['totp', 'recovery', 'webauthn', 'oidc', 'saml'] as const;

// Does tenant row `t` demand MFA of this user (by its policy and the user's roles there)? The SQL twin
// of `mfaRequired` in modules/mfa/mfa.policy.ts, for queries over sessions and tenants.
export const tenantDemandsMfa = (t: string, userId: SQL): SQL => {
  const tt = sql.raw(t);
  return sql`(${tt}.mfa_policy = 'all' or (${tt}.mfa_policy = 'roles' and exists (select 1 from role_assignments ra
    where ra.tenant_id = ${tt}.id and ra.user_id = ${userId} and ra.role = any(${tt}.mfa_roles))))`;
};

export const hasStrongMethod = (methodsColumn: SQL): SQL =>
  sql`(${methodsColumn} && array[${sql.join(
    strongAuthMethods.map((m) => sql`${m}`),
    sql`, `,
  )}]::text[])`;
