CREATE TABLE "invoice_lines" (
	"invoice_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"kind" text NOT NULL,
	"metric" text,
	"description" text NOT NULL,
	"quantity" bigint NOT NULL,
	"included" bigint NOT NULL,
	"units" bigint NOT NULL,
	"unit_size" bigint NOT NULL,
	"unit_price" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "invoice_lines_invoice_id_line_no_pk" PRIMARY KEY("invoice_id","line_no"),
	CONSTRAINT "invoice_lines_amount" CHECK ("invoice_lines"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_sequences" (
	"series" text PRIMARY KEY NOT NULL,
	"last" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"merchant_id" text NOT NULL,
	"period" text NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"plan_code" text NOT NULL,
	"plan_name" text NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"totals" jsonb NOT NULL,
	"usage" jsonb NOT NULL,
	"transfer_ids" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "merchant_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"plan_code" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"rate_limit_per_minute" integer NOT NULL,
	"gmv_fee_bps" integer NOT NULL,
	"included" jsonb NOT NULL,
	"prices" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plans_rate_limit" CHECK ("plans"."rate_limit_per_minute" > 0),
	CONSTRAINT "plans_gmv_fee_bps" CHECK ("plans"."gmv_fee_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "usage_counters" (
	"merchant_id" text NOT NULL,
	"metric" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"quantity" bigint NOT NULL,
	CONSTRAINT "usage_counters_merchant_id_metric_hour_pk" PRIMARY KEY("merchant_id","metric","hour")
);
--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merchant_plans" ADD CONSTRAINT "merchant_plans_plan_code_plans_code_fk" FOREIGN KEY ("plan_code") REFERENCES "public"."plans"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_merchant_period_idx" ON "invoices" USING btree ("merchant_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_idx" ON "invoices" USING btree ("number");--> statement-breakpoint
CREATE INDEX "invoices_merchant_idx" ON "invoices" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "merchant_plans_merchant_idx" ON "merchant_plans" USING btree ("merchant_id","effective_from","id");