ALTER TABLE "events" ADD COLUMN "livemode" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "shoppers" ADD COLUMN "test_merchant_id" text;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "live_merchant_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "merchants_live_merchant_idx" ON "merchants" USING btree ("live_merchant_id");