CREATE TABLE "action_plan_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"yearly_goal" text,
	"priority" text DEFAULT 'medium' NOT NULL,
	"responsible" text,
	"start_on" date,
	"end_on" date,
	"budget_ore" bigint,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "action_plan_activities_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "action_plan_activities_priority_ck" CHECK ("action_plan_activities"."priority" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "action_plan_activities_budget_ck" CHECK (coalesce("action_plan_activities"."budget_ore", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "action_plan_activity_measures" (
	"tenant_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	CONSTRAINT "action_plan_activity_measures_tenant_id_activity_id_measure_id_pk" PRIMARY KEY("tenant_id","activity_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "action_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"decided_on" date,
	"decided_by" text,
	"case_number" text,
	"decision_note" text,
	CONSTRAINT "action_plans_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "action_plans_tenant_year_uq" UNIQUE("tenant_id","year"),
	CONSTRAINT "action_plans_status_ck" CHECK ("action_plans"."status" in ('draft', 'decided')),
	CONSTRAINT "action_plans_decision_ck" CHECK ("action_plans"."status" = 'draft' or ("action_plans"."decided_on" is not null and "action_plans"."case_number" is not null))
);
--> statement-breakpoint
CREATE TABLE "assessment_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"classification_review_months" integer DEFAULT 12 NOT NULL,
	"review_reminder_days" integer DEFAULT 30 NOT NULL,
	"risk_matrix_size" integer DEFAULT 4 NOT NULL,
	"level_labels" jsonb,
	"minimum_rules" jsonb,
	CONSTRAINT "assessment_settings_review_ck" CHECK ("assessment_settings"."classification_review_months" between 1 and 36),
	CONSTRAINT "assessment_settings_reminder_ck" CHECK ("assessment_settings"."review_reminder_days" between 0 and 180),
	CONSTRAINT "assessment_settings_matrix_ck" CHECK ("assessment_settings"."risk_matrix_size" in (4, 5))
);
--> statement-breakpoint
CREATE TABLE "asset_classifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"confidentiality" integer NOT NULL,
	"integrity" integer NOT NULL,
	"availability" integer NOT NULL,
	"traceability" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"answers" jsonb,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL,
	"classified_by" uuid,
	"classified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_review_on" date NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "asset_classifications_k_ck" CHECK ("asset_classifications"."confidentiality" between 0 and 3),
	CONSTRAINT "asset_classifications_r_ck" CHECK ("asset_classifications"."integrity" between 0 and 3),
	CONSTRAINT "asset_classifications_t_ck" CHECK ("asset_classifications"."availability" between 0 and 3),
	CONSTRAINT "asset_classifications_s_ck" CHECK ("asset_classifications"."traceability" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "measure_goals" (
	"tenant_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "measure_goals_tenant_id_measure_id_goal_id_pk" PRIMARY KEY("tenant_id","measure_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "measure_risks" (
	"tenant_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"risk_id" uuid NOT NULL,
	CONSTRAINT "measure_risks_tenant_id_measure_id_risk_id_pk" PRIMARY KEY("tenant_id","measure_id","risk_id")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"title" text NOT NULL,
	"description" text,
	"origin" text NOT NULL,
	"origin_id" uuid,
	"basis" text,
	"system_id" uuid,
	"unit_id" uuid,
	"owner_user_id" uuid,
	"due_on" date,
	"priority" text DEFAULT 'medium' NOT NULL,
	"planned_cost_ore" bigint,
	"actual_cost_ore" bigint,
	"status" text DEFAULT 'proposed' NOT NULL,
	"completed_on" date,
	"secret" boolean DEFAULT false NOT NULL,
	"secrecy_provision" text,
	CONSTRAINT "measures_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "measures_priority_ck" CHECK ("measures"."priority" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "measures_status_ck" CHECK ("measures"."status" in ('proposed', 'planned', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "measures_cost_ck" CHECK (coalesce("measures"."planned_cost_ore", 0) >= 0 and coalesce("measures"."actual_cost_ore", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "policy_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"source" text,
	CONSTRAINT "policy_goals_tenant_id_uq" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "requirement_assessments" (
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"requirement_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"not_applicable_reason" text,
	"deficiency" text,
	"how_met" text,
	"evidence_url" text,
	"measure_id" uuid,
	"assessed_by" uuid,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requirement_assessments_tenant_id_system_id_requirement_id_pk" PRIMARY KEY("tenant_id","system_id","requirement_id"),
	CONSTRAINT "requirement_assessments_status_ck" CHECK ("requirement_assessments"."status" in ('exists', 'partly', 'missing', 'not_applicable')),
	CONSTRAINT "requirement_assessments_deficiency_ck" CHECK ("requirement_assessments"."deficiency" is null or "requirement_assessments"."deficiency" in ('negligible', 'moderate', 'significant', 'serious'))
);
--> statement-breakpoint
CREATE TABLE "requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"guidance" text,
	"aspect" text NOT NULL,
	"min_level" integer NOT NULL,
	"kind" text DEFAULT 'organisation' NOT NULL,
	"area" text DEFAULT 'administrative' NOT NULL,
	"source" text,
	CONSTRAINT "requirements_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "requirements_level_ck" CHECK ("requirements"."min_level" between 1 and 3),
	CONSTRAINT "requirements_aspect_ck" CHECK ("requirements"."aspect" in ('confidentiality', 'integrity', 'availability', 'traceability')),
	CONSTRAINT "requirements_kind_ck" CHECK ("requirements"."kind" in ('organisation', 'procurement')),
	CONSTRAINT "requirements_area_ck" CHECK ("requirements"."area" in ('administrative', 'physical', 'technical'))
);
--> statement-breakpoint
CREATE TABLE "risk_analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"title" text NOT NULL,
	"scope" text,
	"analysed_on" date NOT NULL,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL,
	"method_notes" text,
	"unit_id" uuid,
	"matrix_size" integer DEFAULT 4 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"next_update_on" date,
	"secret" boolean DEFAULT false NOT NULL,
	"secrecy_provision" text,
	CONSTRAINT "risk_analyses_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "risk_analyses_matrix_ck" CHECK ("risk_analyses"."matrix_size" in (4, 5)),
	CONSTRAINT "risk_analyses_status_ck" CHECK ("risk_analyses"."status" in ('draft', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "risk_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"taken_by" uuid,
	"data" jsonb NOT NULL,
	CONSTRAINT "risk_snapshots_tenant_year_uq" UNIQUE("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"analysis_id" uuid NOT NULL,
	"title" text NOT NULL,
	"threat" text NOT NULL,
	"vulnerability" text,
	"description" text,
	"system_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"asset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"likelihood" integer NOT NULL,
	"consequence" integer NOT NULL,
	"residual_likelihood" integer,
	"residual_consequence" integer,
	"treatment" text,
	"treatment_note" text,
	"owner_user_id" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"secrecy_provision" text,
	CONSTRAINT "risks_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "risks_scores_ck" CHECK ("risks"."likelihood" between 1 and 5 and "risks"."consequence" between 1 and 5),
	CONSTRAINT "risks_residual_ck" CHECK (("risks"."residual_likelihood" is null or "risks"."residual_likelihood" between 1 and 5) and ("risks"."residual_consequence" is null or "risks"."residual_consequence" between 1 and 5)),
	CONSTRAINT "risks_treatment_ck" CHECK ("risks"."treatment" is null or "risks"."treatment" in ('reduce', 'accept', 'transfer', 'avoid')),
	CONSTRAINT "risks_status_ck" CHECK ("risks"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "system_classifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"system_id" uuid NOT NULL,
	"raised" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"loss_consequence" text,
	"loss_level" integer,
	"classified_by" uuid,
	"classified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_review_on" date NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "system_classifications_loss_ck" CHECK ("system_classifications"."loss_level" is null or "system_classifications"."loss_level" between 0 and 3)
);
--> statement-breakpoint
ALTER TABLE "action_plan_activities" ADD CONSTRAINT "action_plan_activities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_activities" ADD CONSTRAINT "action_plan_activities_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."action_plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_activity_measures" ADD CONSTRAINT "apam_activity_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."action_plan_activities"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan_activity_measures" ADD CONSTRAINT "apam_measure_fk" FOREIGN KEY ("tenant_id","measure_id") REFERENCES "public"."measures"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_settings" ADD CONSTRAINT "assessment_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_classifications" ADD CONSTRAINT "asset_classifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_classifications" ADD CONSTRAINT "asset_classifications_classified_by_users_id_fk" FOREIGN KEY ("classified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_classifications" ADD CONSTRAINT "asset_classifications_asset_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "public"."information_assets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_goals" ADD CONSTRAINT "measure_goals_measure_fk" FOREIGN KEY ("tenant_id","measure_id") REFERENCES "public"."measures"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_goals" ADD CONSTRAINT "measure_goals_goal_fk" FOREIGN KEY ("tenant_id","goal_id") REFERENCES "public"."policy_goals"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_risks" ADD CONSTRAINT "measure_risks_measure_fk" FOREIGN KEY ("tenant_id","measure_id") REFERENCES "public"."measures"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_risks" ADD CONSTRAINT "measure_risks_risk_fk" FOREIGN KEY ("tenant_id","risk_id") REFERENCES "public"."risks"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."org_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_goals" ADD CONSTRAINT "policy_goals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_assessments" ADD CONSTRAINT "requirement_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_assessments" ADD CONSTRAINT "requirement_assessments_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_assessments" ADD CONSTRAINT "requirement_assessments_requirement_fk" FOREIGN KEY ("tenant_id","requirement_id") REFERENCES "public"."requirements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_assessments" ADD CONSTRAINT "requirement_assessments_measure_fk" FOREIGN KEY ("tenant_id","measure_id") REFERENCES "public"."measures"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_analyses" ADD CONSTRAINT "risk_analyses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_analyses" ADD CONSTRAINT "risk_analyses_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."org_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_snapshots" ADD CONSTRAINT "risk_snapshots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_snapshots" ADD CONSTRAINT "risk_snapshots_taken_by_users_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_analysis_fk" FOREIGN KEY ("tenant_id","analysis_id") REFERENCES "public"."risk_analyses"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_classifications" ADD CONSTRAINT "system_classifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_classifications" ADD CONSTRAINT "system_classifications_classified_by_users_id_fk" FOREIGN KEY ("classified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_classifications" ADD CONSTRAINT "system_classifications_system_fk" FOREIGN KEY ("tenant_id","system_id") REFERENCES "public"."systems"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_plan_activities_plan_idx" ON "action_plan_activities" USING btree ("tenant_id","plan_id","position");--> statement-breakpoint
CREATE INDEX "apam_measure_idx" ON "action_plan_activity_measures" USING btree ("tenant_id","measure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_classifications_current_uq" ON "asset_classifications" USING btree ("tenant_id","asset_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "asset_classifications_asset_idx" ON "asset_classifications" USING btree ("tenant_id","asset_id","classified_at");--> statement-breakpoint
CREATE INDEX "asset_classifications_review_idx" ON "asset_classifications" USING btree ("tenant_id","next_review_on");--> statement-breakpoint
CREATE INDEX "measure_goals_goal_idx" ON "measure_goals" USING btree ("tenant_id","goal_id");--> statement-breakpoint
CREATE INDEX "measure_risks_risk_idx" ON "measure_risks" USING btree ("tenant_id","risk_id");--> statement-breakpoint
CREATE INDEX "measures_tenant_status_idx" ON "measures" USING btree ("tenant_id","status","due_on");--> statement-breakpoint
CREATE INDEX "measures_origin_idx" ON "measures" USING btree ("tenant_id","origin","origin_id");--> statement-breakpoint
CREATE INDEX "measures_system_idx" ON "measures" USING btree ("tenant_id","system_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_goals_tenant_code_uq" ON "policy_goals" USING btree ("tenant_id",lower("code"));--> statement-breakpoint
CREATE INDEX "requirement_assessments_requirement_idx" ON "requirement_assessments" USING btree ("tenant_id","requirement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "requirements_tenant_code_uq" ON "requirements" USING btree ("tenant_id",lower("code"));--> statement-breakpoint
CREATE INDEX "risks_analysis_idx" ON "risks" USING btree ("tenant_id","analysis_id");--> statement-breakpoint
CREATE INDEX "risks_systems_idx" ON "risks" USING gin ("system_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "system_classifications_current_uq" ON "system_classifications" USING btree ("tenant_id","system_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "system_classifications_system_idx" ON "system_classifications" USING btree ("tenant_id","system_id","classified_at");--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON assessment_settings, asset_classifications, system_classifications, requirements, policy_goals, measures, requirement_assessments, action_plans, risk_analyses, risks TO tillit_app;
--> statement-breakpoint
-- Link rows are replaced as a whole; an activity can be taken out of a plan.
GRANT SELECT, INSERT, UPDATE, DELETE ON measure_goals, measure_risks, action_plan_activities, action_plan_activity_measures TO tillit_app;
--> statement-breakpoint
-- A yearly risk picture is frozen once taken.
GRANT SELECT, INSERT ON risk_snapshots TO tillit_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['assessment_settings', 'asset_classifications', 'system_classifications', 'requirements', 'policy_goals',
    'measures', 'measure_goals', 'requirement_assessments', 'action_plans', 'action_plan_activities', 'action_plan_activity_measures',
    'risk_analyses', 'risks', 'measure_risks', 'risk_snapshots'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- A classification is evidence of a decision: once made it is only ever marked superseded by the next one.
CREATE FUNCTION classification_history_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'classification % is history and cannot be deleted', OLD.id USING ERRCODE = '23514';
  END IF;
  IF OLD.superseded_at IS NOT NULL OR NEW.superseded_at IS NULL
     OR (to_jsonb(NEW) - 'superseded_at') <> (to_jsonb(OLD) - 'superseded_at') THEN
    RAISE EXCEPTION 'classification % can only be marked superseded', OLD.id USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER asset_classifications_history BEFORE UPDATE OR DELETE ON asset_classifications FOR EACH ROW EXECUTE FUNCTION classification_history_guard();
--> statement-breakpoint
CREATE TRIGGER system_classifications_history BEFORE UPDATE OR DELETE ON system_classifications FOR EACH ROW EXECUTE FUNCTION classification_history_guard();
