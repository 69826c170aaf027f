CREATE TABLE "wallet_top_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"shopper_id" text NOT NULL,
	"wallet_account_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"acquirer" text NOT NULL,
	"acquirer_ref" text,
	"card" jsonb,
	"decline_code" text,
	"ledger_transfer_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "wallet_top_ups_shopper_idx" ON "wallet_top_ups" USING btree ("shopper_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_top_ups_acquirer_ref_idx" ON "wallet_top_ups" USING btree ("acquirer","acquirer_ref");