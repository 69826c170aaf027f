ALTER TABLE "payment_intents" ADD COLUMN "goods_charge" bigint;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD COLUMN "shipping_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD COLUMN "tax_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD COLUMN "shipping_refunded" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD COLUMN "tax_refunded" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "goods_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "shipping_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "tax_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_goods_charge_positive" CHECK ("payment_intents"."goods_charge" IS NULL OR "payment_intents"."goods_charge" > 0);--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_shipping_refund_within" CHECK ("payment_intents"."shipping_refunded" >= 0 AND "payment_intents"."shipping_refunded" <= "payment_intents"."shipping_amount");--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_tax_refund_within" CHECK ("payment_intents"."tax_refunded" >= 0 AND "payment_intents"."tax_refunded" <= "payment_intents"."tax_amount");--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_goods_refund_nonnegative" CHECK ("payment_intents"."refunded_amount" - "payment_intents"."shipping_refunded" - "payment_intents"."tax_refunded" >= 0);--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_parts_nonnegative" CHECK ("refunds"."goods_amount" >= 0 AND "refunds"."shipping_amount" >= 0 AND "refunds"."tax_amount" >= 0);--> statement-breakpoint
-- Backfill (hand-written): before components existed every charge and refund was goods only.
UPDATE "payment_intents" SET "goods_charge" = "charge_amount" WHERE "charge_amount" IS NOT NULL AND "goods_charge" IS NULL;--> statement-breakpoint
UPDATE "refunds" SET "goods_amount" = "amount" WHERE "goods_amount" = 0 AND "shipping_amount" = 0 AND "tax_amount" = 0;
