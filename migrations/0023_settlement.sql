CREATE TABLE "commission_rates" (
	"category" text PRIMARY KEY NOT NULL,
	"bps" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commission_rates_bps" CHECK ("commission_rates"."bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "payment_fees" (
	"currency" text PRIMARY KEY NOT NULL,
	"bps" integer NOT NULL,
	"fixed" bigint DEFAULT 0 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_fees_bps" CHECK ("payment_fees"."bps" between 0 and 10000 AND "payment_fees"."fixed" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payout_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"format" text NOT NULL,
	"payout_date" text NOT NULL,
	"status" text NOT NULL,
	"prepared_by" text NOT NULL,
	"approvals" text[] DEFAULT '{}'::text[] NOT NULL,
	"total" bigint NOT NULL,
	"item_count" integer NOT NULL,
	"file_sha256" text,
	"approved_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"sent_by" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_holds" (
	"merchant_id" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"batch_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"account_masked" text NOT NULL,
	"reference" text NOT NULL,
	"confirmed_amount" bigint,
	"failure_reason" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payouts_amount_positive" CHECK ("payouts"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "settlement_conversions" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"batch_id" text,
	"from_currency" text NOT NULL,
	"from_amount" bigint NOT NULL,
	"to_currency" text NOT NULL,
	"to_amount" bigint NOT NULL,
	"mid" text NOT NULL,
	"spread_bps" integer NOT NULL,
	"rate" text NOT NULL,
	"fx_rate_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_intents" ADD COLUMN "commission_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD COLUMN "fee_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD COLUMN "commission_refunded" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_batch_id_payout_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payout_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payout_batches_status_idx" ON "payout_batches" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_batches_scheduled_idx" ON "payout_batches" USING btree ("currency","payout_date") WHERE prepared_by = 'system:schedule';--> statement-breakpoint
CREATE INDEX "payouts_batch_idx" ON "payouts" USING btree ("batch_id","id");--> statement-breakpoint
CREATE INDEX "payouts_merchant_idx" ON "payouts" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "settlement_conversions_merchant_idx" ON "settlement_conversions" USING btree ("merchant_id","created_at");--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_commission_refund_within" CHECK ("payment_intents"."commission_refunded" >= 0 AND "payment_intents"."commission_refunded" <= "payment_intents"."commission_amount");