CREATE TABLE "instore_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"store_id" text NOT NULL,
	"till_id" text NOT NULL,
	"flow" text NOT NULL,
	"status" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reference" text NOT NULL,
	"charge_amount" bigint,
	"charge_currency" text DEFAULT 'CNY' NOT NULL,
	"fx_quote_id" text,
	"fx_rate" text,
	"shopper_id" text,
	"wallet_account_id" text,
	"code_slot" integer,
	"code_counter" integer,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"charge_refunded" bigint DEFAULT 0 NOT NULL,
	"commission_amount" bigint DEFAULT 0 NOT NULL,
	"fee_amount" bigint DEFAULT 0 NOT NULL,
	"commission_refunded" bigint DEFAULT 0 NOT NULL,
	"receipt_number" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "instore_payments_amount_positive" CHECK ("instore_payments"."amount" > 0),
	CONSTRAINT "instore_payments_refunds_within" CHECK ("instore_payments"."refunded_amount" >= 0 and "instore_payments"."refunded_amount" <= "instore_payments"."amount" and "instore_payments"."charge_refunded" >= 0 and "instore_payments"."charge_refunded" <= coalesce("instore_payments"."charge_amount", 0))
);
--> statement-breakpoint
CREATE TABLE "instore_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"store_id" text NOT NULL,
	"till_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"charge_amount" bigint NOT NULL,
	"commission" bigint NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_code_settings" (
	"shopper_id" text PRIMARY KEY NOT NULL,
	"slot" integer NOT NULL,
	"no_confirmation_limit" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_code_uses" (
	"slot" integer NOT NULL,
	"counter" integer NOT NULL,
	"shopper_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_code_uses_slot_counter_pk" PRIMARY KEY("slot","counter")
);
--> statement-breakpoint
ALTER TABLE "instore_payments" ADD CONSTRAINT "instore_payments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instore_payments" ADD CONSTRAINT "instore_payments_till_id_tills_id_fk" FOREIGN KEY ("till_id") REFERENCES "public"."tills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instore_refunds" ADD CONSTRAINT "instore_refunds_payment_id_instore_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."instore_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "instore_payments_merchant_idx" ON "instore_payments" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "instore_payments_store_paid_idx" ON "instore_payments" USING btree ("store_id","paid_at");--> statement-breakpoint
CREATE INDEX "instore_payments_shopper_idx" ON "instore_payments" USING btree ("shopper_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "instore_payments_receipt_idx" ON "instore_payments" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "instore_refunds_payment_idx" ON "instore_refunds" USING btree ("payment_id","id");--> statement-breakpoint
CREATE INDEX "instore_refunds_store_idx" ON "instore_refunds" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_code_settings_slot_idx" ON "payment_code_settings" USING btree ("slot");