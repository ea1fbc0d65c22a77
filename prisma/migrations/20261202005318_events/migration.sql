-- CreateEnum
CREATE TYPE "event_source" AS ENUM ('chat', 'rest', 'mcp', 'page', 'system');

-- CreateTable
CREATE TABLE "events" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "type" VARCHAR(40) NOT NULL,
    "source" "event_source" NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "events_user_id_id_idx" ON "events"("user_id", "id");

-- CreateIndex
CREATE INDEX "events_created_at_idx" ON "events"("created_at");

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Per user, event ids follow commit order, so "everything after id N" (a stream's resume point)
-- never skips an event that committed late: the id is taken under a per-user lock held until
-- the transaction ends. (The column default has already drawn a number; gaps are harmless.)
CREATE FUNCTION "events_order_per_user"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('taskchat_events'), hashtext(NEW."user_id"));
  NEW."id" := nextval(pg_get_serial_sequence('events', 'id'));
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "events_order_per_user"
BEFORE INSERT ON "events"
FOR EACH ROW EXECUTE FUNCTION "events_order_per_user"();

-- Every instance LISTENs on one channel; the payload stays small ("<user_id> <id>") and is
-- delivered at commit, never for a rolled-back change.
CREATE FUNCTION "events_notify"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('taskchat_events', NEW."user_id" || ' ' || NEW."id");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "events_notify"
AFTER INSERT ON "events"
FOR EACH ROW EXECUTE FUNCTION "events_notify"();
