ALTER TABLE "orders" ALTER COLUMN "buyer_id_masked" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "buyer_id_index" DROP NOT NULL;