CREATE TABLE "audit_anchors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tenant_seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"event_count" integer NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tenant_seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_forward_state" (
	"target" text PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_checkpoint_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_heads" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"tenant_seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "client_address" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "tenant_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "audit_retention_days" integer;--> statement-breakpoint
ALTER TABLE "audit_anchors" ADD CONSTRAINT "audit_anchors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_heads" ADD CONSTRAINT "audit_heads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_anchors_tenant_idx" ON "audit_anchors" USING btree ("tenant_id","tenant_seq");--> statement-breakpoint
CREATE INDEX "audit_checkpoints_tenant_idx" ON "audit_checkpoints" USING btree ("tenant_id","tenant_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_tenant_seq_uq" ON "audit_events" USING btree ("tenant_id","tenant_seq");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_at_idx" ON "audit_events" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_tenant_actor_idx" ON "audit_events" USING btree ("tenant_id","actor_user_id");--> statement-breakpoint
-- The canonical text of an event that its hash covers. jsonb renders objects in one fixed key order,
-- so the same content always gives the same text; the time is rendered in UTC with microseconds.
CREATE FUNCTION audit_canonical(e audit_events) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_array(e.tenant_id, e.tenant_seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_user_id, e.action, e.entity_type, e.entity_id, e.before, e.after, e.request_id, e.client_address)::text
$$;
--> statement-breakpoint
CREATE FUNCTION audit_event_hash(prev_hash text, canonical text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(prev_hash || canonical, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Events written before the chain existed are chained now, in the order they were written.
DO $$
DECLARE r audit_events%ROWTYPE; prev text; tseq bigint; cur uuid;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY tenant_id, seq LOOP
    IF cur IS DISTINCT FROM r.tenant_id THEN cur := r.tenant_id; prev := repeat('0', 64); tseq := 0; END IF;
    tseq := tseq + 1;
    r.tenant_seq := tseq;
    r.prev_hash := prev;
    prev := audit_event_hash(prev, audit_canonical(r));
    UPDATE audit_events SET tenant_seq = tseq, prev_hash = r.prev_hash, hash = prev WHERE seq = r.seq;
    INSERT INTO audit_heads (tenant_id, tenant_seq, hash) VALUES (cur, tseq, prev)
      ON CONFLICT (tenant_id) DO UPDATE SET tenant_seq = excluded.tenant_seq, hash = excluded.hash;
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "tenant_seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
-- Every insert, whoever makes it, is numbered and chained here: the application cannot choose the
-- sequence number, the time or the hash. The head row lock orders concurrent writers of one tenant.
-- pg_temp is searched last, so a temporary table cannot stand in for audit_heads.
CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE head_seq bigint; head_hash text;
BEGIN
  -- the role setting survives SECURITY DEFINER: requests run as tillit_app and take the server's values
  IF current_setting('role', true) = 'tillit_app' THEN
    NEW.seq := nextval(pg_get_serial_sequence('public.audit_events', 'seq'));
    NEW.at := now();
  END IF;
  SELECT tenant_seq, hash INTO head_seq, head_hash FROM public.audit_heads WHERE tenant_id = NEW.tenant_id FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO public.audit_heads (tenant_id, tenant_seq, hash) VALUES (NEW.tenant_id, 0, repeat('0', 64)) ON CONFLICT (tenant_id) DO NOTHING;
    SELECT tenant_seq, hash INTO head_seq, head_hash FROM public.audit_heads WHERE tenant_id = NEW.tenant_id FOR UPDATE;
  END IF;
  NEW.tenant_seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.hash := public.audit_event_hash(head_hash, public.audit_canonical(NEW));
  UPDATE public.audit_heads SET tenant_seq = NEW.tenant_seq, hash = NEW.hash, updated_at = now() WHERE tenant_id = NEW.tenant_id;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_chain();
--> statement-breakpoint
-- Append-only for everyone, the table owner included. The one exception is retention: the owner's
-- purge may remove events that an anchor already covers (archived to a file, chain head recorded).
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_events'
     AND current_setting('tillit.audit_purge', true) = OLD.tenant_id::text
     AND EXISTS (SELECT 1 FROM audit_anchors a WHERE a.tenant_id = OLD.tenant_id AND a.tenant_seq >= OLD.tenant_seq) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
-- An anchor may only name a real event of the chain that retention has made due: otherwise an anchor
-- written by hand would open the purge for events that were never archived.
CREATE FUNCTION audit_anchor_check() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM public.audit_events e JOIN public.tenants t ON t.id = e.tenant_id
    WHERE e.tenant_id = NEW.tenant_id AND e.tenant_seq = NEW.tenant_seq AND e.hash = NEW.hash
      AND t.audit_retention_days IS NOT NULL AND e.at < now() - make_interval(days => t.audit_retention_days)
  ) OR EXISTS (SELECT 1 FROM public.audit_anchors a WHERE a.tenant_id = NEW.tenant_id AND a.tenant_seq >= NEW.tenant_seq)
    OR NEW.file_sha256 !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'audit anchor refused: not an archived, expired event of the chain' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_anchors_check BEFORE INSERT ON audit_anchors FOR EACH ROW EXECUTE FUNCTION audit_anchor_check();
--> statement-breakpoint
-- The application takes checkpoints only as copies of its own tenant's head.
CREATE FUNCTION audit_take_checkpoint(tenant uuid, checkpoint_kind text) RETURNS SETOF audit_checkpoints
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'checkpoint for another tenant refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY INSERT INTO public.audit_checkpoints (tenant_id, tenant_seq, hash, kind)
    SELECT h.tenant_id, h.tenant_seq, h.hash, checkpoint_kind FROM public.audit_heads h WHERE h.tenant_id = tenant
    RETURNING *;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_take_checkpoint(uuid, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_take_checkpoint(uuid, text) TO tillit_app;
--> statement-breakpoint
-- Temporary tables could shadow the trail's tables on a pooled connection: only the owner may make them.
DO $$ BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON audit_anchors FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_chain() FROM PUBLIC;
--> statement-breakpoint
-- The application role reads the chain and adds checkpoints; it never updates, deletes or truncates.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM tillit_app;
--> statement-breakpoint
GRANT SELECT ON audit_heads, audit_anchors TO tillit_app;
--> statement-breakpoint
GRANT SELECT ON audit_checkpoints TO tillit_app;
--> statement-breakpoint
ALTER TABLE audit_heads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_anchors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_heads USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_checkpoints USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_anchors USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
