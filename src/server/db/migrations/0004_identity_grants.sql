-- Identity tables carry no row-level security (they are read before a tenant is known), but
-- tenant-scoped work that touches them (user administration, SCIM, SSO provisioning) runs inside
-- withTenant as tillit_app, next to its audit entry. The repositories filter by tenant.
GRANT SELECT, INSERT, UPDATE, DELETE ON users, role_assignments, sessions, login_throttle, password_reset_tokens, mfa_totp, mfa_recovery_codes, webauthn_credentials, identity_providers, external_identities, sso_states, group_role_mappings, api_tokens, scim_users, scim_groups, scim_group_members TO tillit_app;
--> statement-breakpoint
GRANT UPDATE ON tenants TO tillit_app;
