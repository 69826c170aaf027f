ALTER TABLE "payment_intents" ALTER COLUMN "buyer_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ALTER COLUMN "buyer_id_index" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ALTER COLUMN "buyer_id_masked" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ALTER COLUMN "charge_currency" SET DEFAULT 'CNY';--> statement-breakpoint
-- Backfill (hand-written): before the reverse flow every intent was charged in CNY; unpaid ones had no charge currency yet.
UPDATE "payment_intents" SET "charge_currency" = 'CNY' WHERE "charge_currency" IS NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ALTER COLUMN "charge_currency" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_charge_currency" CHECK ("payment_intents"."charge_currency" IN ('CNY', 'AUD', 'NZD'));--> statement-breakpoint
ALTER TABLE "payment_intents" ADD CONSTRAINT "payment_intents_cbec_buyer" CHECK ("payment_intents"."charge_currency" <> 'CNY' OR ("payment_intents"."buyer_name" IS NOT NULL AND "payment_intents"."buyer_id_index" IS NOT NULL AND "payment_intents"."buyer_id_masked" IS NOT NULL));