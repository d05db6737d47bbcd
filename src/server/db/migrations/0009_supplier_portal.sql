CREATE TABLE "access_order_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"new_lead_days" integer DEFAULT 14 NOT NULL,
	"change_lead_days" integer DEFAULT 7 NOT NULL,
	"late_policy" text DEFAULT 'reject' NOT NULL,
	"terminate_escalate_hours" integer DEFAULT 4 NOT NULL,
	"required_training" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"system_id" uuid NOT NULL,
	"supplier_id" uuid,
	"unit_id" uuid,
	"person_name" text NOT NULL,
	"person_email" text,
	"personnummer_sealed" text,
	"personnummer_masked" text,
	"permissions" text,
	"justification" text,
	"start_date" date NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"orderer_id" uuid,
	"late" boolean DEFAULT false NOT NULL,
	"late_reason" text,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"executed_by" uuid,
	"executed_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"training_done_on" date,
	"secrecy_reminder_signed_on" date,
	"informed_of_registration_on" date,
	"recertification_item_id" uuid,
	CONSTRAINT "access_orders_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "access_orders_number_uq" UNIQUE("tenant_id","number"),
	CONSTRAINT "access_orders_type_ck" CHECK ("access_orders"."type" in ('new', 'change', 'terminate')),
	CONSTRAINT "access_orders_status_ck" CHECK ("access_orders"."status" in ('submitted', 'approved', 'rejected', 'executed', 'cancelled')),
	CONSTRAINT "access_orders_priority_ck" CHECK ("access_orders"."priority" in ('normal', 'high'))
);
--> statement-breakpoint
CREATE TABLE "change_notice_recipients" (
	"tenant_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"comment" text,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "change_notice_recipients_tenant_id_notice_id_supplier_id_pk" PRIMARY KEY("tenant_id","notice_id","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "change_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"system_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"supplier_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"effective_on" date,
	"acknowledge_by" date,
	"cost_impact" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "change_notices_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "change_notices_kind_ck" CHECK ("change_notices"."kind" in ('system_change', 'system_replacement', 'authentication', 'mdm', 'mobile_operator', 'messaging', 'instruction', 'sdk_request'))
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"supplier_id" uuid,
	"system_id" uuid,
	"access_order_id" uuid,
	"holder_name" text NOT NULL,
	"serial" text,
	"valid_from" date,
	"valid_to" date,
	"status" text DEFAULT 'ordered' NOT NULL,
	"issued_on" date,
	"handed_over_at" timestamp with time zone,
	"handed_over_by" uuid,
	"identity_method" text,
	"identity_note" text,
	"revoked_on" date,
	"chargeable" boolean DEFAULT true NOT NULL,
	"note" text,
	CONSTRAINT "credentials_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "credentials_kind_ck" CHECK ("credentials"."kind" in ('e_id_card', 'siths_card', 'token', 'key', 'mobile_phone', 'sim_card', 'mdm_enrolment', 'account')),
	CONSTRAINT "credentials_status_ck" CHECK ("credentials"."status" in ('ordered', 'active', 'revoked', 'expired', 'returned')),
	CONSTRAINT "credentials_handover_ck" CHECK ("credentials"."handed_over_at" is null or "credentials"."identity_method" is not null)
);
--> statement-breakpoint
CREATE TABLE "follow_up_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"follow_up_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"area" text NOT NULL,
	"text" text NOT NULL,
	"evidence_required" boolean DEFAULT false NOT NULL,
	"sources" text[] DEFAULT '{}'::text[] NOT NULL,
	"answer" text,
	"answer_comment" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"assessment" text,
	"assessment_note" text,
	"deficiency_due_on" date,
	"measure_id" uuid,
	"assessed_at" timestamp with time zone,
	"assessed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "follow_up_items_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "follow_up_items_answer_ck" CHECK ("follow_up_items"."answer" is null or "follow_up_items"."answer" in ('yes', 'partly', 'no', 'not_applicable')),
	CONSTRAINT "follow_up_items_assessment_ck" CHECK ("follow_up_items"."assessment" is null or "follow_up_items"."assessment" in ('approved', 'deficient', 'not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "follow_up_templates" (
	"tenant_id" uuid NOT NULL,
	"supplier_type" text NOT NULL,
	"items" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_templates_tenant_id_supplier_type_pk" PRIMARY KEY("tenant_id","supplier_type")
);
--> statement-breakpoint
CREATE TABLE "recertification_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"system_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "recertification_campaigns_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "recertification_campaigns_status_ck" CHECK ("recertification_campaigns"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "recertification_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"account_name" text NOT NULL,
	"person_name" text NOT NULL,
	"permissions" text,
	"supplier_id" uuid,
	"unit_id" uuid,
	"reviewer" text NOT NULL,
	"decision" text,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"termination_order_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "recertification_items_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "recertification_items_reviewer_ck" CHECK ("recertification_items"."reviewer" in ('manager', 'system_administrator', 'supplier')),
	CONSTRAINT "recertification_items_decision_ck" CHECK ("recertification_items"."decision" is null or "recertification_items"."decision" in ('keep', 'remove'))
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"supplier_id" uuid,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "stored_files_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "supplier_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"supplier_id" uuid NOT NULL,
	"title" text NOT NULL,
	"reference" text,
	"parties" text,
	"starts_on" date,
	"ends_on" date,
	"joint_procurement" text[] DEFAULT '{}'::text[] NOT NULL,
	"data_processing_agreement" boolean DEFAULT false NOT NULL,
	"data_processing_agreement_on" date,
	"system_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"clauses" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"responsibilities" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	CONSTRAINT "supplier_contracts_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "supplier_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"title" text NOT NULL,
	"planned_on" date NOT NULL,
	"answer_by" date,
	"reviewer_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"assessed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"conclusion" text,
	CONSTRAINT "supplier_follow_ups_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "supplier_follow_ups_status_ck" CHECK ("supplier_follow_ups"."status" in ('planned', 'sent', 'answered', 'assessed', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "supplier_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"participants" text,
	"topics" text NOT NULL,
	"decisions" text,
	"next_on" date,
	CONSTRAINT "supplier_meetings_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "supplier_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"supplier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"email" text,
	"phone" text,
	"user_id" uuid,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "supplier_people_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "supplier_people_kind_ck" CHECK ("supplier_people"."kind" in ('key_person', 'super_user', 'authorised_orderer', 'contact'))
);
--> statement-breakpoint
CREATE TABLE "supplier_systems" (
	"tenant_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"delivers" boolean DEFAULT false NOT NULL,
	"works_in" boolean DEFAULT true NOT NULL,
	"administers_own_users" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_systems_tenant_id_supplier_id_system_id_pk" PRIMARY KEY("tenant_id","supplier_id","system_id")
);
--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "profile" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "profile_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "orderers_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "orderers_confirmed_by" uuid;--> statement-breakpoint
ALTER TABLE "access_order_settings" ADD CONSTRAINT "access_order_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_orders" ADD CONSTRAINT "access_orders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_orders" ADD CONSTRAINT "access_orders_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_orders" ADD CONSTRAINT "access_orders_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_orders" ADD CONSTRAINT "access_orders_executed_by_users_id_fk" FOREIGN KEY ("executed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_orders" ADD CONSTRAINT "access_orders_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_orders" ADD CONSTRAINT "access_orders_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_orders" ADD CONSTRAINT "access_orders_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."org_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_orders" ADD CONSTRAINT "access_orders_orderer_fk" FOREIGN KEY ("tenant_id","orderer_id") REFERENCES "public"."supplier_people"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_notice_recipients" ADD CONSTRAINT "change_notice_recipients_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_notice_recipients" ADD CONSTRAINT "change_notice_recipients_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_notice_recipients" ADD CONSTRAINT "change_notice_recipients_notice_fk" FOREIGN KEY ("tenant_id","notice_id") REFERENCES "public"."change_notices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_notice_recipients" ADD CONSTRAINT "change_notice_recipients_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_notices" ADD CONSTRAINT "change_notices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_notices" ADD CONSTRAINT "change_notices_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_handed_over_by_users_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_order_fk" FOREIGN KEY ("tenant_id","access_order_id") REFERENCES "public"."access_orders"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_items" ADD CONSTRAINT "follow_up_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_items" ADD CONSTRAINT "follow_up_items_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_items" ADD CONSTRAINT "follow_up_items_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_items" ADD CONSTRAINT "follow_up_items_follow_up_fk" FOREIGN KEY ("tenant_id","follow_up_id") REFERENCES "public"."supplier_follow_ups"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_templates" ADD CONSTRAINT "follow_up_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_templates" ADD CONSTRAINT "follow_up_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recertification_campaigns" ADD CONSTRAINT "recertification_campaigns_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recertification_campaigns" ADD CONSTRAINT "recertification_campaigns_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recertification_items" ADD CONSTRAINT "recertification_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recertification_items" ADD CONSTRAINT "recertification_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recertification_items" ADD CONSTRAINT "recertification_items_campaign_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."recertification_campaigns"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recertification_items" ADD CONSTRAINT "recertification_items_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_contracts" ADD CONSTRAINT "supplier_contracts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_contracts" ADD CONSTRAINT "supplier_contracts_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_follow_ups" ADD CONSTRAINT "supplier_follow_ups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_follow_ups" ADD CONSTRAINT "supplier_follow_ups_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_follow_ups" ADD CONSTRAINT "supplier_follow_ups_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_meetings" ADD CONSTRAINT "supplier_meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_meetings" ADD CONSTRAINT "supplier_meetings_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_people" ADD CONSTRAINT "supplier_people_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_people" ADD CONSTRAINT "supplier_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_people" ADD CONSTRAINT "supplier_people_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_systems" ADD CONSTRAINT "supplier_systems_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_systems" ADD CONSTRAINT "supplier_systems_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_systems" ADD CONSTRAINT "supplier_systems_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_orders_status_idx" ON "access_orders" USING btree ("tenant_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "access_orders_supplier_idx" ON "access_orders" USING btree ("tenant_id","supplier_id");--> statement-breakpoint
CREATE INDEX "access_orders_system_idx" ON "access_orders" USING btree ("tenant_id","system_id");--> statement-breakpoint
CREATE INDEX "change_notice_recipients_supplier_idx" ON "change_notice_recipients" USING btree ("tenant_id","supplier_id");--> statement-breakpoint
CREATE INDEX "change_notices_published_idx" ON "change_notices" USING btree ("tenant_id","published_at");--> statement-breakpoint
CREATE INDEX "credentials_supplier_idx" ON "credentials" USING btree ("tenant_id","supplier_id","kind");--> statement-breakpoint
CREATE INDEX "follow_up_items_follow_up_idx" ON "follow_up_items" USING btree ("tenant_id","follow_up_id","position");--> statement-breakpoint
CREATE INDEX "recertification_items_campaign_idx" ON "recertification_items" USING btree ("tenant_id","campaign_id");--> statement-breakpoint
CREATE INDEX "stored_files_owner_idx" ON "stored_files" USING btree ("tenant_id","owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "supplier_contracts_supplier_idx" ON "supplier_contracts" USING btree ("tenant_id","supplier_id");--> statement-breakpoint
CREATE INDEX "supplier_follow_ups_supplier_idx" ON "supplier_follow_ups" USING btree ("tenant_id","supplier_id","planned_on");--> statement-breakpoint
CREATE INDEX "supplier_meetings_supplier_idx" ON "supplier_meetings" USING btree ("tenant_id","supplier_id","held_on");--> statement-breakpoint
CREATE INDEX "supplier_people_supplier_idx" ON "supplier_people" USING btree ("tenant_id","supplier_id","kind");--> statement-breakpoint
CREATE INDEX "supplier_systems_system_idx" ON "supplier_systems" USING btree ("tenant_id","system_id");--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON supplier_people, supplier_contracts, supplier_meetings, follow_up_templates, supplier_follow_ups,
  follow_up_items, stored_files, change_notices, change_notice_recipients, access_order_settings, access_orders, credentials,
  recertification_campaigns, recertification_items TO tillit_app;
--> statement-breakpoint
-- A supplier's systems are a link list: a link is removed when the supplier stops working in the system.
GRANT SELECT, INSERT, UPDATE, DELETE ON supplier_systems TO tillit_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['supplier_people', 'supplier_systems', 'supplier_contracts', 'supplier_meetings', 'follow_up_templates',
    'supplier_follow_ups', 'follow_up_items', 'stored_files', 'change_notices', 'change_notice_recipients', 'access_order_settings',
    'access_orders', 'credentials', 'recertification_campaigns', 'recertification_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END $$;
