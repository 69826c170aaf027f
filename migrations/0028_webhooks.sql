CREATE TABLE "webhook_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"url" text NOT NULL,
	"request_body" text NOT NULL,
	"signature" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"latency_ms" integer NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"event_created_at" timestamp with time zone NOT NULL,
	"object_key" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"event_types" jsonb NOT NULL,
	"secret_enc" text NOT NULL,
	"previous_secret_enc" text,
	"previous_secret_expires_at" timestamp with time zone,
	"status" text NOT NULL,
	"disabled_reason" text,
	"disabled_at" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_pending_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" USING btree ("delivery_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_event_idx" ON "webhook_deliveries" USING btree ("endpoint_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_order_idx" ON "webhook_deliveries" USING btree ("endpoint_id","object_key","event_created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_event_idx" ON "webhook_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_merchant_idx" ON "webhook_endpoints" USING btree ("merchant_id","id");--> statement-breakpoint
-- Hand-written (issue 9): a job id in the platform's TypeID form (`job_` + 26 Crockford base32
-- characters of a UUIDv7 whose time is `at`), for jobs enqueued by the trigger below.
CREATE FUNCTION tasman_typeid(prefix text, at timestamptz) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  a constant text := '0123456789abcdefghjkmnpqrstvwxyz';
  ms bigint := floor(extract(epoch from at) * 1000)::bigint;
  s text := '';
  i int;
BEGIN
  -- 2 zero bits and the 48-bit time: the first 10 characters.
  FOR i IN REVERSE 9..0 LOOP
    s := s || substr(a, ((ms >> (5 * i)) & 31)::int + 1, 1);
  END LOOP;
  -- version 7 (0111) and one random bit; then 10 random bits; one random bit, variant 10, two random bits.
  s := s || substr(a, 15 + floor(random() * 2)::int, 1);
  s := s || substr(a, floor(random() * 32)::int + 1, 1) || substr(a, floor(random() * 32)::int + 1, 1);
  s := s || substr(a, ((floor(random() * 2)::int << 4) | 8 | floor(random() * 4)::int) + 1, 1);
  FOR i IN 1..12 LOOP
    s := s || substr(a, floor(random() * 32)::int + 1, 1);
  END LOOP;
  RETURN prefix || '_' || s;
END;
$$;
--> statement-breakpoint
-- Events of merchants with an enabled webhook endpoint are queued for fan-out in the transaction
-- that emits them (so none is skipped, however late its transaction commits), and a dispatch job
-- is queued unless one is already due. No unique key is touched: concurrent emitters never wait
-- on each other here; at worst two dispatch jobs are queued, and they share the work.
CREATE FUNCTION webhook_events_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_at timestamptz;
BEGIN
  INSERT INTO webhook_pending_events (event_id, merchant_id, created_at)
    SELECT n.id, n.merchant_id, n.created_at FROM new_events n
    WHERE n.merchant_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.merchant_id = n.merchant_id AND w.status = 'enabled');
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  SELECT min(n.created_at) INTO first_at FROM new_events n;
  IF NOT EXISTS (SELECT 1 FROM jobs j WHERE j.status = 'queued' AND j.kind = 'webhooks.dispatch' AND j.run_at <= first_at) THEN
    INSERT INTO jobs (id, kind, payload, status, attempts, max_attempts, run_at, created_at, updated_at)
      VALUES (tasman_typeid('job', first_at), 'webhooks.dispatch', '{}'::jsonb, 'queued', 0, 3, first_at, first_at, first_at);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_webhook_fan_out
  AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_enqueue();
