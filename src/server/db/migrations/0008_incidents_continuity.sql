CREATE TABLE "calendar_feed_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"notification_id" uuid,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_outbox_status_ck" CHECK ("mail_outbox"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_tenant_id_user_id_kind_pk" PRIMARY KEY("tenant_id","user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text,
	"subject_type" text,
	"subject_id" uuid,
	"title" text NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"link" text,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheduled_jobs_status_ck" CHECK ("scheduled_jobs"."status" in ('pending', 'running', 'done', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "incident_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"name" text NOT NULL,
	"name_en" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_categories_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "incident_communications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sent_by" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_communications_kind_ck" CHECK ("incident_communications"."kind" in ('outage', 'disruption', 'restored', 'other'))
);
--> statement-breakpoint
CREATE TABLE "incident_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text DEFAULT 'action' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"text" text NOT NULL,
	"party" text DEFAULT 'municipality' NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_entries_kind_ck" CHECK ("incident_entries"."kind" in ('action', 'crisis', 'system')),
	CONSTRAINT "incident_entries_party_ck" CHECK ("incident_entries"."party" in ('municipality', 'supplier'))
);
--> statement-breakpoint
CREATE TABLE "incident_obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	"code" text NOT NULL,
	"regime_id" uuid NOT NULL,
	"applies" text DEFAULT 'unassessed' NOT NULL,
	"applies_reason" text,
	"due_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"reference" text,
	"late_reason" text,
	"draft" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_obligations_code_uq" UNIQUE("tenant_id","incident_id","code"),
	CONSTRAINT "incident_obligations_applies_ck" CHECK ("incident_obligations"."applies" in ('yes', 'no', 'unassessed'))
);
--> statement-breakpoint
CREATE TABLE "incident_routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"name" text NOT NULL,
	"category_id" uuid,
	"system_id" uuid,
	"min_severity" text,
	"handling_unit_id" uuid,
	"notify_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"instructions" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_routes_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "incident_routes_severity_ck" CHECK ("incident_routes"."min_severity" is null or "incident_routes"."min_severity" in ('low', 'moderate', 'high', 'extensive'))
);
--> statement-breakpoint
CREATE TABLE "incident_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"crisis_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reminder_percents" integer[] DEFAULT '{50,80,100}'::int[] NOT NULL,
	"secret_by_default" boolean DEFAULT true NOT NULL,
	"default_secrecy_provision" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"report_text" text,
	"type" text DEFAULT 'incident' NOT NULL,
	"category_id" uuid,
	"severity" text,
	"status" text DEFAULT 'reported' NOT NULL,
	"occurred_at" timestamp with time zone,
	"aware_at" timestamp with time zone NOT NULL,
	"contained_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reported_by" uuid,
	"reporter_supplier_id" uuid,
	"route_id" uuid,
	"handling_unit_id" uuid,
	"handler_user_id" uuid,
	"system_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"asset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"supplier_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"personal_data" text DEFAULT 'unknown' NOT NULL,
	"personal_data_note" text,
	"description" text,
	"consequences" text,
	"conclusions" text,
	"lessons" text,
	"prevention" text,
	"handling_hours" numeric(10, 2),
	"handling_cost_ore" bigint,
	"cost_payer" text,
	"crisis_at" timestamp with time zone,
	"crisis_decision" text,
	"outage_started_at" timestamp with time zone,
	"outage_ended_at" timestamp with time zone,
	"continuity_activated_at" timestamp with time zone,
	"public_status" text,
	"on_status_page" boolean DEFAULT false NOT NULL,
	"fault_location_unclear" boolean DEFAULT false NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalated_to" text,
	"secret" boolean DEFAULT false NOT NULL,
	"secrecy_provision" text,
	CONSTRAINT "incidents_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "incidents_type_ck" CHECK ("incidents"."type" in ('incident', 'deviation', 'disruption', 'outage', 'attack', 'fault')),
	CONSTRAINT "incidents_severity_ck" CHECK ("incidents"."severity" is null or "incidents"."severity" in ('low', 'moderate', 'high', 'extensive')),
	CONSTRAINT "incidents_status_ck" CHECK ("incidents"."status" in ('reported', 'triaged', 'contained', 'resolved', 'closed')),
	CONSTRAINT "incidents_personal_data_ck" CHECK ("incidents"."personal_data" in ('yes', 'no', 'unknown')),
	CONSTRAINT "incidents_cost_ck" CHECK (coalesce("incidents"."handling_cost_ore", 0) >= 0 and coalesce("incidents"."handling_hours", 0) >= 0),
	CONSTRAINT "incidents_payer_ck" CHECK ("incidents"."cost_payer" is null or "incidents"."cost_payer" in ('municipality', 'supplier', 'provider'))
);
--> statement-breakpoint
CREATE TABLE "reporting_regimes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"valid_from" date NOT NULL,
	"name" jsonb NOT NULL,
	"recipient" jsonb NOT NULL,
	"legal_basis" text NOT NULL,
	"deadline" jsonb NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" jsonb,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_stakeholders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"system_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"supplier_id" uuid,
	"name" text NOT NULL,
	"email" text,
	CONSTRAINT "system_stakeholders_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "system_stakeholders_kind_ck" CHECK ("system_stakeholders"."kind" in ('unit', 'supplier', 'external'))
);
--> statement-breakpoint
CREATE TABLE "continuity_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"kind" text NOT NULL,
	"system_id" uuid,
	"supplier_id" uuid,
	"title" text NOT NULL,
	"content" text,
	"link" text,
	"documented_on" date,
	"implemented_on" date,
	"review_on" date,
	"scenarios" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"involved_supplier_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"secrecy_provision" text,
	CONSTRAINT "continuity_documents_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "continuity_documents_kind_ck" CHECK ("continuity_documents"."kind" in ('reserve_routine', 'continuity_plan', 'restore_plan', 'supplier_reserve_routine')),
	CONSTRAINT "continuity_documents_owner_ck" CHECK ("continuity_documents"."system_id" is not null or "continuity_documents"."supplier_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "exercises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"title" text NOT NULL,
	"kind" text DEFAULT 'continuity' NOT NULL,
	"held_on" date NOT NULL,
	"scope" text,
	"system_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" text,
	"lessons" text,
	CONSTRAINT "exercises_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "exercises_kind_ck" CHECK ("exercises"."kind" in ('continuity', 'it_preparedness', 'incident_handling'))
);
--> statement-breakpoint
CREATE TABLE "restore_priorities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"decided_on" date,
	"dnr" text,
	"decided_by" uuid,
	"decision_note" text,
	CONSTRAINT "restore_priorities_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "restore_priorities_status_ck" CHECK ("restore_priorities"."status" in ('draft', 'decided', 'replaced'))
);
--> statement-breakpoint
CREATE TABLE "restore_priority_items" (
	"tenant_id" uuid NOT NULL,
	"priority_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"note" text,
	CONSTRAINT "restore_priority_items_tenant_id_priority_id_system_id_pk" PRIMARY KEY("tenant_id","priority_id","system_id"),
	CONSTRAINT "restore_priority_items_rank_ck" CHECK ("restore_priority_items"."rank" > 0)
);
--> statement-breakpoint
CREATE TABLE "system_continuity" (
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"accepted_outage_minutes" integer,
	"outage_decided_by" text,
	"outage_decided_on" date,
	"outage_dnr" text,
	"vital_activity" text,
	"emergency_procedure" text,
	"dependency_system_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"dependency_supplier_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_continuity_tenant_id_system_id_pk" PRIMARY KEY("tenant_id","system_id"),
	CONSTRAINT "system_continuity_outage_ck" CHECK ("system_continuity"."accepted_outage_minutes" is null or "system_continuity"."accepted_outage_minutes" > 0)
);
--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduled_jobs" ADD CONSTRAINT "scheduled_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_categories" ADD CONSTRAINT "incident_categories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_communications" ADD CONSTRAINT "incident_communications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_communications" ADD CONSTRAINT "incident_communications_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_communications" ADD CONSTRAINT "incident_communications_incident_fk" FOREIGN KEY ("tenant_id","incident_id") REFERENCES "public"."incidents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_entries" ADD CONSTRAINT "incident_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_entries" ADD CONSTRAINT "incident_entries_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_entries" ADD CONSTRAINT "incident_entries_incident_fk" FOREIGN KEY ("tenant_id","incident_id") REFERENCES "public"."incidents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_obligations" ADD CONSTRAINT "incident_obligations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_obligations" ADD CONSTRAINT "incident_obligations_regime_id_reporting_regimes_id_fk" FOREIGN KEY ("regime_id") REFERENCES "public"."reporting_regimes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_obligations" ADD CONSTRAINT "incident_obligations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_obligations" ADD CONSTRAINT "incident_obligations_incident_fk" FOREIGN KEY ("tenant_id","incident_id") REFERENCES "public"."incidents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_routes" ADD CONSTRAINT "incident_routes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_routes" ADD CONSTRAINT "incident_routes_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."incident_categories"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_routes" ADD CONSTRAINT "incident_routes_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_routes" ADD CONSTRAINT "incident_routes_unit_fk" FOREIGN KEY ("tenant_id","handling_unit_id") REFERENCES "public"."org_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_settings" ADD CONSTRAINT "incident_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_handler_user_id_users_id_fk" FOREIGN KEY ("handler_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."incident_categories"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_unit_fk" FOREIGN KEY ("tenant_id","handling_unit_id") REFERENCES "public"."org_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_supplier_fk" FOREIGN KEY ("tenant_id","reporter_supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_route_fk" FOREIGN KEY ("tenant_id","route_id") REFERENCES "public"."incident_routes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_regimes" ADD CONSTRAINT "reporting_regimes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_stakeholders" ADD CONSTRAINT "system_stakeholders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_stakeholders" ADD CONSTRAINT "system_stakeholders_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_stakeholders" ADD CONSTRAINT "system_stakeholders_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."org_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_stakeholders" ADD CONSTRAINT "system_stakeholders_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_documents" ADD CONSTRAINT "continuity_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_documents" ADD CONSTRAINT "continuity_documents_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "continuity_documents" ADD CONSTRAINT "continuity_documents_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_priorities" ADD CONSTRAINT "restore_priorities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_priorities" ADD CONSTRAINT "restore_priorities_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_priority_items" ADD CONSTRAINT "restore_priority_items_priority_fk" FOREIGN KEY ("tenant_id","priority_id") REFERENCES "public"."restore_priorities"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_priority_items" ADD CONSTRAINT "restore_priority_items_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_continuity" ADD CONSTRAINT "system_continuity_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_continuity" ADD CONSTRAINT "system_continuity_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_continuity" ADD CONSTRAINT "system_continuity_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_tokens_hash_uq" ON "calendar_feed_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feed_tokens_user_idx" ON "calendar_feed_tokens" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "mail_outbox_pending_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_key_uq" ON "notifications" USING btree ("tenant_id","user_id","key") WHERE key is not null;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("tenant_id","user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "scheduled_jobs_key_uq" ON "scheduled_jobs" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "scheduled_jobs_due_idx" ON "scheduled_jobs" USING btree ("due_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "incident_categories_name_uq" ON "incident_categories" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "incident_communications_incident_idx" ON "incident_communications" USING btree ("tenant_id","incident_id","sent_at");--> statement-breakpoint
CREATE INDEX "incident_entries_incident_idx" ON "incident_entries" USING btree ("tenant_id","incident_id","at");--> statement-breakpoint
CREATE INDEX "incident_obligations_due_idx" ON "incident_obligations" USING btree ("tenant_id","due_at") WHERE submitted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_number_uq" ON "incidents" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "incidents_tenant_aware_idx" ON "incidents" USING btree ("tenant_id","aware_at","id");--> statement-breakpoint
CREATE INDEX "incidents_tenant_status_idx" ON "incidents" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "incidents_reporter_idx" ON "incidents" USING btree ("tenant_id","reported_by");--> statement-breakpoint
CREATE INDEX "incidents_systems_idx" ON "incidents" USING gin ("system_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_regimes_version_uq" ON "reporting_regimes" USING btree (coalesce("tenant_id", '00000000-0000-0000-0000-000000000000'::uuid),"code","version");--> statement-breakpoint
CREATE INDEX "system_stakeholders_system_idx" ON "system_stakeholders" USING btree ("tenant_id","system_id");--> statement-breakpoint
CREATE INDEX "continuity_documents_system_idx" ON "continuity_documents" USING btree ("tenant_id","system_id");--> statement-breakpoint
CREATE INDEX "continuity_documents_supplier_idx" ON "continuity_documents" USING btree ("tenant_id","supplier_id");--> statement-breakpoint
CREATE INDEX "exercises_held_idx" ON "exercises" USING btree ("tenant_id","held_on");--> statement-breakpoint
CREATE INDEX "exercises_systems_idx" ON "exercises" USING gin ("system_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "restore_priority_items_rank_uq" ON "restore_priority_items" USING btree ("tenant_id","priority_id","rank");--> statement-breakpoint
-- Jobs, the mail outbox and feed tokens are read across tenants by the scheduler, the mail sender and
-- the feed endpoint (ids, addresses and hashes, no content), so they stay outside row-level security.
GRANT SELECT, INSERT, UPDATE ON scheduled_jobs, mail_outbox, calendar_feed_tokens TO tillit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preferences TO tillit_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON notifications, incident_settings, incident_categories, incident_routes, incidents, incident_obligations,
  system_continuity, continuity_documents, restore_priorities, exercises TO tillit_app;
--> statement-breakpoint
-- Stakeholders are removed from a system's list; a draft restore order's rows are replaced as a whole.
GRANT SELECT, INSERT, UPDATE, DELETE ON system_stakeholders, restore_priority_items TO tillit_app;
--> statement-breakpoint
-- The timeline and the record of notices sent are append-only (D1-53: every report is documented).
GRANT SELECT, INSERT ON incident_entries, incident_communications TO tillit_app;
--> statement-breakpoint
-- Shipped regime versions have no tenant; a tenant adds its own versions, never edits one in use.
GRANT SELECT, INSERT ON reporting_regimes TO tillit_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['notifications', 'notification_preferences', 'incident_settings', 'incident_categories', 'incident_routes',
    'incidents', 'incident_obligations', 'incident_entries', 'system_stakeholders', 'incident_communications', 'system_continuity',
    'continuity_documents', 'restore_priorities', 'restore_priority_items', 'exercises'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE reporting_regimes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON reporting_regimes USING (tenant_id IS NULL OR tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- The shipped regimes (domain.md, "Incident reporting clocks"). Where the law says "snarast" the
-- target hours are local practice, marked as such in the note.
INSERT INTO reporting_regimes (code, version, valid_from, name, recipient, legal_basis, deadline, fields, note, link) VALUES
('gdpr-art33', 1, '2018-05-25',
 '{"sv":"Anmälan av personuppgiftsincident","en":"Personal data breach notification"}',
 '{"sv":"Integritetsskyddsmyndigheten (IMY)","en":"Swedish Authority for Privacy Protection (IMY)"}',
 'GDPR art. 33', '{"kind":"hours","hours":72}',
 '[{"key":"nature","sv":"Vad har hänt (typ av incident)","en":"Nature of the breach"},
   {"key":"subjects","sv":"Kategorier av och ungefärligt antal registrerade","en":"Categories and approximate number of data subjects"},
   {"key":"records","sv":"Kategorier av och ungefärligt antal personuppgiftsposter","en":"Categories and approximate number of records"},
   {"key":"contact","sv":"Kontaktuppgifter till dataskyddsombud eller annan kontaktpunkt","en":"Contact details of the data protection officer or other contact point"},
   {"key":"consequences","sv":"Sannolika konsekvenser","en":"Likely consequences"},
   {"key":"measures","sv":"Åtgärder som vidtagits eller föreslagits","en":"Measures taken or proposed"},
   {"key":"delay","sv":"Skäl till att anmälan görs senare än 72 timmar","en":"Reasons for notifying later than 72 hours"}]',
 '{"sv":"Anmälan får göras i etapper. Varje personuppgiftsincident ska dokumenteras, även de som inte anmäls.","en":"The notification may be made in stages. Every breach is documented, also those not notified."}',
 'https://www.imy.se'),
('gdpr-art34', 1, '2018-05-25',
 '{"sv":"Information till de registrerade","en":"Communication to the data subjects"}',
 '{"sv":"De registrerade","en":"The data subjects"}',
 'GDPR art. 34', '{"kind":"asap","targetHours":72}',
 '[{"key":"nature","sv":"Vad har hänt, i klart och tydligt språk","en":"What happened, in clear and plain language"},
   {"key":"contact","sv":"Kontaktuppgifter till dataskyddsombud eller annan kontaktpunkt","en":"Contact details of the data protection officer or other contact point"},
   {"key":"consequences","sv":"Sannolika konsekvenser","en":"Likely consequences"},
   {"key":"measures","sv":"Åtgärder som vidtagits eller föreslagits","en":"Measures taken or proposed"}]',
 '{"sv":"Gäller när incidenten sannolikt leder till hög risk för de registrerade. Lagen säger \"utan onödigt dröjsmål\"; tidsgränsen är kommunens egen målsättning.","en":"Applies when the breach is likely to result in a high risk to the data subjects. The law says \"without undue delay\"; the time limit is the municipality''s own target."}',
 'https://www.imy.se'),
('nis2-early-warning', 1, '2026-01-15',
 '{"sv":"Tidig varning (cybersäkerhetslagen)","en":"Early warning (Cybersecurity Act)"}',
 '{"sv":"CERT-SE","en":"CERT-SE"}',
 'Cybersäkerhetslagen (SFS 2025:1506), jfr NIS2 art. 23', '{"kind":"hours","hours":24}',
 '[{"key":"malicious","sv":"Misstänks incidenten vara orsakad av en olaglig eller avsiktlig handling?","en":"Is the incident suspected of being caused by an unlawful or malicious act?"},
   {"key":"crossBorder","sv":"Kan incidenten få gränsöverskridande konsekvenser?","en":"Could the incident have a cross-border impact?"}]',
 '{"sv":"Mottagaren uppges flytta till FRA/NCSC den 1 juli 2026 (ej bekräftat): kontrollera mottagaren i inställningarna.","en":"The recipient is reported to move to FRA/NCSC on 1 July 2026 (unconfirmed): check the recipient in the settings."}',
 'https://www.cert.se'),
('nis2-notification', 1, '2026-01-15',
 '{"sv":"Incidentanmälan (cybersäkerhetslagen)","en":"Incident notification (Cybersecurity Act)"}',
 '{"sv":"CERT-SE","en":"CERT-SE"}',
 'Cybersäkerhetslagen (SFS 2025:1506), jfr NIS2 art. 23', '{"kind":"hours","hours":72}',
 '[{"key":"update","sv":"Uppdatering av den tidiga varningen","en":"Update of the early warning"},
   {"key":"severity","sv":"Första bedömning av allvarlighetsgrad och påverkan","en":"Initial assessment of severity and impact"},
   {"key":"indicators","sv":"Indikatorer på intrång (IoC) om sådana finns","en":"Indicators of compromise, where available"}]',
 NULL, 'https://www.cert.se'),
('nis2-final-report', 1, '2026-01-15',
 '{"sv":"Slutrapport (cybersäkerhetslagen)","en":"Final report (Cybersecurity Act)"}',
 '{"sv":"CERT-SE","en":"CERT-SE"}',
 'Cybersäkerhetslagen (SFS 2025:1506), jfr NIS2 art. 23', '{"kind":"months-after","after":"nis2-notification","months":1}',
 '[{"key":"description","sv":"Utförlig beskrivning av incidenten, allvarlighetsgrad och påverkan","en":"Detailed description of the incident, its severity and impact"},
   {"key":"cause","sv":"Typ av hot eller grundorsak","en":"Type of threat or root cause"},
   {"key":"mitigation","sv":"Vidtagna och pågående åtgärder för att begränsa incidenten","en":"Applied and ongoing mitigation measures"},
   {"key":"crossBorder","sv":"Gränsöverskridande konsekvenser","en":"Cross-border impact"}]',
 '{"sv":"Senast en månad efter incidentanmälan. Myndigheten kan också begära en lägesrapport.","en":"No later than one month after the incident notification. The authority may also ask for an intermediate report."}',
 'https://www.cert.se'),
('lex-maria', 1, '2011-01-01',
 '{"sv":"Lex Maria-anmälan","en":"Lex Maria report"}',
 '{"sv":"Inspektionen för vård och omsorg (IVO)","en":"Health and Social Care Inspectorate (IVO)"}',
 'Patientsäkerhetslagen (2010:659) 3 kap. 5 §', '{"kind":"asap","targetHours":72}',
 '[{"key":"event","sv":"Vad som hänt och hur it-händelsen påverkade vården","en":"What happened and how the IT event affected care"},
   {"key":"injury","sv":"Vårdskada eller risk för allvarlig vårdskada","en":"Care injury or risk of serious care injury"},
   {"key":"measures","sv":"Åtgärder som vidtagits","en":"Measures taken"},
   {"key":"investigation","sv":"Hur händelsen utreds","en":"How the event is investigated"}]',
 '{"sv":"Gäller vårdgivare när en it-händelse har medfört eller kunnat medföra allvarlig vårdskada. Lagen säger \"snarast\"; tidsgränsen är kommunens egen målsättning.","en":"Applies to care providers when an IT event caused or risked serious care injury. The law says \"as soon as possible\"; the time limit is the municipality''s own target."}',
 'https://www.ivo.se');
