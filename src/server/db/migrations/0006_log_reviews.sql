CREATE TABLE "log_review_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"description" text NOT NULL,
	"owner_user_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"incident_id" uuid,
	"measure_id" uuid,
	CONSTRAINT "log_review_follow_ups_status_ck" CHECK ("log_review_follow_ups"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "log_review_materials" (
	"review_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_review_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"supplier_id" uuid,
	"system_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"interval_months" integer DEFAULT 3 NOT NULL,
	"first_due_on" date NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"producer_user_id" uuid,
	"note" text,
	CONSTRAINT "log_review_plans_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "log_review_plans_interval_ck" CHECK ("log_review_plans"."interval_months" between 1 and 24),
	CONSTRAINT "log_review_plans_subject_ck" CHECK ("log_review_plans"."supplier_id" is not null or cardinality("log_review_plans"."system_ids") = 1)
);
--> statement-breakpoint
CREATE TABLE "log_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scheduled" boolean DEFAULT true NOT NULL,
	"supplier_id" uuid,
	"system_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"due_on" date NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"outcome" text,
	"outcome_comment" text,
	"outcome_by" uuid,
	"outcome_at" timestamp with time zone,
	CONSTRAINT "log_reviews_tenant_id_uq" UNIQUE("tenant_id","id"),
	CONSTRAINT "log_reviews_period_ck" CHECK ("log_reviews"."period_from" <= "log_reviews"."period_to"),
	CONSTRAINT "log_reviews_status_ck" CHECK ("log_reviews"."status" in ('planned', 'material_attached', 'done')),
	CONSTRAINT "log_reviews_outcome_ck" CHECK (("log_reviews"."status" = 'done') = ("log_reviews"."outcome" is not null))
);
--> statement-breakpoint
ALTER TABLE "log_review_follow_ups" ADD CONSTRAINT "log_review_follow_ups_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_review_follow_ups" ADD CONSTRAINT "log_review_follow_ups_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_review_follow_ups" ADD CONSTRAINT "log_review_follow_ups_review_fk" FOREIGN KEY ("tenant_id","review_id") REFERENCES "public"."log_reviews"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_review_materials" ADD CONSTRAINT "log_review_materials_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_review_materials" ADD CONSTRAINT "log_review_materials_review_fk" FOREIGN KEY ("tenant_id","review_id") REFERENCES "public"."log_reviews"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_review_plans" ADD CONSTRAINT "log_review_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_review_plans" ADD CONSTRAINT "log_review_plans_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_review_plans" ADD CONSTRAINT "log_review_plans_producer_user_id_users_id_fk" FOREIGN KEY ("producer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_review_plans" ADD CONSTRAINT "log_review_plans_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_reviews" ADD CONSTRAINT "log_reviews_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_reviews" ADD CONSTRAINT "log_reviews_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_reviews" ADD CONSTRAINT "log_reviews_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."log_review_plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "log_review_follow_ups_review_idx" ON "log_review_follow_ups" USING btree ("tenant_id","review_id");--> statement-breakpoint
CREATE INDEX "log_review_plans_systems_idx" ON "log_review_plans" USING gin ("system_ids");--> statement-breakpoint
CREATE INDEX "log_review_plans_supplier_idx" ON "log_review_plans" USING btree ("tenant_id","supplier_id");--> statement-breakpoint
CREATE INDEX "log_reviews_due_idx" ON "log_reviews" USING btree ("tenant_id","due_on","id");--> statement-breakpoint
CREATE INDEX "log_reviews_plan_idx" ON "log_reviews" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE INDEX "log_reviews_systems_idx" ON "log_reviews" USING gin ("system_ids");--> statement-breakpoint
-- Review history is evidence: the application role may not delete plans, material or follow-ups.
GRANT SELECT, INSERT, UPDATE ON log_review_plans, log_reviews, log_review_materials, log_review_follow_ups TO tillit_app;
--> statement-breakpoint
-- Only a review not yet begun can be withdrawn (when its plan is archived); the trigger below refuses done ones.
GRANT DELETE ON log_reviews TO tillit_app;
--> statement-breakpoint
ALTER TABLE log_review_plans ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE log_reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE log_review_materials ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE log_review_follow_ups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON log_review_plans USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON log_reviews USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON log_review_materials USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY tenant_isolation ON log_review_follow_ups USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- A done review is not edited (a new review is made instead); its material no longer changes either.
CREATE FUNCTION log_review_done_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'log_reviews' THEN
    IF OLD.status = 'done' THEN
      RAISE EXCEPTION 'log review % is done and cannot be changed', OLD.id USING ERRCODE = '23514';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM log_reviews r WHERE r.tenant_id = OLD.tenant_id AND r.id = OLD.review_id AND r.status = 'done') THEN
    RAISE EXCEPTION 'the material of done log review % cannot be changed', OLD.review_id USING ERRCODE = '23514';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
--> statement-breakpoint
CREATE TRIGGER log_reviews_done_guard BEFORE UPDATE OR DELETE ON log_reviews FOR EACH ROW EXECUTE FUNCTION log_review_done_guard();
--> statement-breakpoint
CREATE TRIGGER log_review_materials_done_guard BEFORE UPDATE OR DELETE ON log_review_materials FOR EACH ROW EXECUTE FUNCTION log_review_done_guard();
