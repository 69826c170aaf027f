CREATE TABLE "payment_intents" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"order_reference" text NOT NULL,
	"description" text,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"settlement_currency" text NOT NULL,
	"buyer_name" text NOT NULL,
	"buyer_id_index" text NOT NULL,
	"buyer_id_masked" text NOT NULL,
	"status" text NOT NULL,
	"payer_shopper_id" text,
	"wallet_account_id" text,
	"charge_amount" bigint,
	"charge_currency" text,
	"settlement_amount" bigint,
	"fx_quote_id" text,
	"fx_rate" text,
	"transaction_no" text,
	"paid_at" timestamp with time zone,
	"escrow_status" text,
	"delivered_at" timestamp with time zone,
	"release_due_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"release_reason" text,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"settlement_refunded" bigint DEFAULT 0 NOT NULL,
	"canceled_at" timestamp with time zone,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_intents_amount_positive" CHECK ("payment_intents"."amount" > 0),
	CONSTRAINT "payment_intents_refund_within_charge" CHECK ("payment_intents"."refunded_amount" >= 0 AND "payment_intents"."refunded_amount" <= coalesce("payment_intents"."charge_amount", 0)),
	CONSTRAINT "payment_intents_settlement_refund_within" CHECK ("payment_intents"."settlement_refunded" >= 0 AND "payment_intents"."settlement_refunded" <= coalesce("payment_intents"."settlement_amount", 0))
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_intent_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"settlement_amount" bigint NOT NULL,
	"settlement_currency" text NOT NULL,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_intent_id_payment_intents_id_fk" FOREIGN KEY ("payment_intent_id") REFERENCES "public"."payment_intents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intents_order_idx" ON "payment_intents" USING btree ("merchant_id","order_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intents_transaction_idx" ON "payment_intents" USING btree ("transaction_no");--> statement-breakpoint
CREATE INDEX "payment_intents_merchant_idx" ON "payment_intents" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "payment_intents_payer_idx" ON "payment_intents" USING btree ("payer_shopper_id","id");--> statement-breakpoint
CREATE INDEX "payment_intents_release_idx" ON "payment_intents" USING btree ("release_due_at") WHERE escrow_status = 'held';--> statement-breakpoint
CREATE INDEX "refunds_intent_idx" ON "refunds" USING btree ("payment_intent_id","id");--> statement-breakpoint
CREATE INDEX "refunds_merchant_idx" ON "refunds" USING btree ("merchant_id","id");