CREATE TABLE "logistics_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"city" text NOT NULL,
	"region" text NOT NULL,
	"stock_location_id" text,
	"serves_regions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"serves_cities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "logistics_nodes_bonded_location" CHECK (("logistics_nodes"."kind" = 'bonded_warehouse') = ("logistics_nodes"."stock_location_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "shipping_lanes" (
	"id" text PRIMARY KEY NOT NULL,
	"origin_node_id" text NOT NULL,
	"service_code" text NOT NULL,
	"name" text NOT NULL,
	"mode" text NOT NULL,
	"destination_country" text NOT NULL,
	"regions" jsonb NOT NULL,
	"transit_days_min" integer NOT NULL,
	"transit_days_max" integer NOT NULL,
	"currency" text NOT NULL,
	"first_weight_g" integer NOT NULL,
	"first_price" bigint NOT NULL,
	"additional_weight_g" integer NOT NULL,
	"additional_price" bigint NOT NULL,
	"volumetric_divisor" integer,
	"fuel_surcharge_bps" integer DEFAULT 0 NOT NULL,
	"max_parcel_weight_g" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shipping_lanes_transit" CHECK ("shipping_lanes"."transit_days_min" >= 0 AND "shipping_lanes"."transit_days_max" >= "shipping_lanes"."transit_days_min"),
	CONSTRAINT "shipping_lanes_weights" CHECK ("shipping_lanes"."first_weight_g" > 0 AND "shipping_lanes"."additional_weight_g" > 0),
	CONSTRAINT "shipping_lanes_prices" CHECK ("shipping_lanes"."first_price" >= 0 AND "shipping_lanes"."additional_price" >= 0 AND "shipping_lanes"."fuel_surcharge_bps" >= 0)
);
--> statement-breakpoint
ALTER TABLE "shipping_lanes" ADD CONSTRAINT "shipping_lanes_origin_node_id_logistics_nodes_id_fk" FOREIGN KEY ("origin_node_id") REFERENCES "public"."logistics_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "logistics_nodes_code_idx" ON "logistics_nodes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "logistics_nodes_stock_location_idx" ON "logistics_nodes" USING btree ("stock_location_id");--> statement-breakpoint
CREATE INDEX "shipping_lanes_origin_idx" ON "shipping_lanes" USING btree ("origin_node_id","service_code");