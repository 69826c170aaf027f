CREATE TABLE "cbec_quota_usages" (
	"order_reference" text PRIMARY KEY NOT NULL,
	"identity_index" text NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"returned" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cbec_quota_usages_amount_positive" CHECK ("cbec_quota_usages"."amount" > 0),
	CONSTRAINT "cbec_quota_usages_returned_within" CHECK ("cbec_quota_usages"."returned" >= 0 AND "cbec_quota_usages"."returned" <= "cbec_quota_usages"."amount")
);
--> statement-breakpoint
CREATE TABLE "cbec_quota_years" (
	"identity_index" text NOT NULL,
	"year" integer NOT NULL,
	"used" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cbec_quota_years_identity_index_year_pk" PRIMARY KEY("identity_index","year"),
	CONSTRAINT "cbec_quota_years_used_within_limit" CHECK ("cbec_quota_years"."used" >= 0 AND "cbec_quota_years"."used" <= 2600000)
);
--> statement-breakpoint
CREATE INDEX "cbec_quota_usages_identity_idx" ON "cbec_quota_usages" USING btree ("identity_index","year");