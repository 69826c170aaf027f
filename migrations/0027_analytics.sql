CREATE TABLE "product_daily_activity" (
	"product_id" text NOT NULL,
	"day" date NOT NULL,
	"merchant_id" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"cart_adds" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_daily_activity_product_id_day_pk" PRIMARY KEY("product_id","day")
);
--> statement-breakpoint
CREATE INDEX "product_daily_activity_merchant_idx" ON "product_daily_activity" USING btree ("merchant_id","day");--> statement-breakpoint
CREATE INDEX "orders_merchant_paid_idx" ON "orders" USING btree ("merchant_id","paid_at");--> statement-breakpoint
CREATE INDEX "orders_merchant_delivered_idx" ON "orders" USING btree ("merchant_id","delivered_at");