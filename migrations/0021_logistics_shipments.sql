CREATE TABLE "bags" (
	"id" text PRIMARY KEY NOT NULL,
	"origin_node_id" text NOT NULL,
	"destination_country" text NOT NULL,
	"status" text NOT NULL,
	"manifest_id" text,
	"parcel_count" integer DEFAULT 0 NOT NULL,
	"weight_g" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customs_declarations" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"trade_mode" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"mismatches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"messages" jsonb NOT NULL,
	"gateway" text NOT NULL,
	"reference" text,
	"receipts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"from_location_id" text NOT NULL,
	"to_location_id" text NOT NULL,
	"status" text NOT NULL,
	"lines" jsonb NOT NULL,
	"reference" text,
	"received_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manifests" (
	"id" text PRIMARY KEY NOT NULL,
	"origin_node_id" text NOT NULL,
	"destination_country" text NOT NULL,
	"mawb" text NOT NULL,
	"flight_no" text NOT NULL,
	"destination_airport" text NOT NULL,
	"status" text NOT NULL,
	"departed_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parcels" (
	"id" text PRIMARY KEY NOT NULL,
	"shipment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"tracking_number" text NOT NULL,
	"route" text NOT NULL,
	"status" text NOT NULL,
	"milestone" text NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"weight_g" integer NOT NULL,
	"length_mm" integer NOT NULL,
	"width_mm" integer NOT NULL,
	"height_mm" integer NOT NULL,
	"contents" jsonb NOT NULL,
	"bag_id" text,
	"destination_country" text NOT NULL,
	"destination_city" text NOT NULL,
	"estimated_delivery" jsonb,
	"exception_reason" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parcels_size" CHECK ("parcels"."weight_g" > 0 AND "parcels"."length_mm" > 0 AND "parcels"."width_mm" > 0 AND "parcels"."height_mm" > 0)
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"route" text NOT NULL,
	"origin_node_id" text NOT NULL,
	"lane_id" text,
	"service_code" text NOT NULL,
	"service_name" text NOT NULL,
	"sender" jsonb NOT NULL,
	"estimated_delivery" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" text PRIMARY KEY NOT NULL,
	"parcel_id" text NOT NULL,
	"milestone" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"source_key" text,
	"location" text,
	"description" text,
	"applied" boolean DEFAULT true NOT NULL,
	"actor_id" text
);
--> statement-breakpoint
CREATE TABLE "tracking_series" (
	"prefix" text NOT NULL,
	"country" text NOT NULL,
	"last_serial" integer NOT NULL,
	CONSTRAINT "tracking_series_prefix_country_pk" PRIMARY KEY("prefix","country"),
	CONSTRAINT "tracking_series_range" CHECK ("tracking_series"."last_serial" between 0 and 99999999)
);
--> statement-breakpoint
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_events" ADD CONSTRAINT "tracking_events_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bags_origin_idx" ON "bags" USING btree ("origin_node_id","status","id");--> statement-breakpoint
CREATE INDEX "bags_manifest_idx" ON "bags" USING btree ("manifest_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customs_declarations_order_idx" ON "customs_declarations" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "customs_declarations_status_idx" ON "customs_declarations" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "customs_declarations_merchant_idx" ON "customs_declarations" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "inbound_shipments_merchant_idx" ON "inbound_shipments" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "inbound_shipments_to_idx" ON "inbound_shipments" USING btree ("to_location_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "manifests_mawb_idx" ON "manifests" USING btree ("mawb");--> statement-breakpoint
CREATE INDEX "manifests_origin_idx" ON "manifests" USING btree ("origin_node_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "parcels_tracking_number_idx" ON "parcels" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "parcels_order_idx" ON "parcels" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "parcels_shipment_idx" ON "parcels" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "parcels_merchant_idx" ON "parcels" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "parcels_bag_idx" ON "parcels" USING btree ("bag_id");--> statement-breakpoint
CREATE INDEX "parcels_status_idx" ON "parcels" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "shipments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "shipments_merchant_idx" ON "shipments" USING btree ("merchant_id","id");--> statement-breakpoint
CREATE INDEX "tracking_events_parcel_idx" ON "tracking_events" USING btree ("parcel_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_events_source_idx" ON "tracking_events" USING btree ("source_key");