-- Row-level security is the second wall behind the repositories' tenant filters: requests run their
-- queries as tillit_app with app.tenant_id set for the transaction, and see only that tenant's rows.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tillit_app') THEN
    CREATE ROLE tillit_app NOLOGIN;
  END IF;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT tillit_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO tillit_app', current_schema());
END $$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON org_units, systems, information_assets TO tillit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON system_costs, information_asset_systems TO tillit_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO tillit_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_events_seq_seq TO tillit_app;
--> statement-breakpoint
GRANT SELECT ON tenants TO tillit_app;
--> statement-breakpoint
ALTER TABLE org_units ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE systems ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE system_costs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE information_assets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE information_asset_systems ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON org_units USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON systems USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON system_costs USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON information_assets USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON information_asset_systems USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_events USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- Audit entries are append-only for the application role.
REVOKE UPDATE, DELETE ON audit_events FROM tillit_app;
