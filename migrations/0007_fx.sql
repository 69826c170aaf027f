CREATE TABLE "fx_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"base" text NOT NULL,
	"quote" text NOT NULL,
	"mid" text NOT NULL,
	"spread_bps" integer NOT NULL,
	"rate" text NOT NULL,
	"rate_id" text NOT NULL,
	"principal" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fx_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"base" text NOT NULL,
	"quote" text NOT NULL,
	"mid" text NOT NULL,
	"spread_bps" integer NOT NULL,
	"source" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fx_quotes_expiry_idx" ON "fx_quotes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "fx_rates_pair_idx" ON "fx_rates" USING btree ("base","quote","effective_at");