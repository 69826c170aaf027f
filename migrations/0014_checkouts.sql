CREATE TABLE "checkouts" (
	"id" text PRIMARY KEY NOT NULL,
	"shopper_id" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"address" jsonb NOT NULL,
	"plan" jsonb NOT NULL,
	"total" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "checkouts_shopper_idx" ON "checkouts" USING btree ("shopper_id","id");--> statement-breakpoint
CREATE INDEX "checkouts_open_expiry_idx" ON "checkouts" USING btree ("expires_at") WHERE status = 'open';