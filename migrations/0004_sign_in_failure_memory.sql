ALTER TABLE "shoppers" ADD COLUMN "last_failed_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "last_failed_sign_in_at" timestamp with time zone;