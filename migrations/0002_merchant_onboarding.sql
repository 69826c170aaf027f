CREATE TABLE "merchant_status_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "business_number" text;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "gst_registered" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "contact" jsonb;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "categories" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "brands" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "payout_account" jsonb;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "merchant_status_changes" ADD CONSTRAINT "merchant_status_changes_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "merchant_status_changes_merchant_idx" ON "merchant_status_changes" USING btree ("merchant_id","id");