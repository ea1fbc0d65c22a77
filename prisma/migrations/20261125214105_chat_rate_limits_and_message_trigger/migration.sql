-- CreateTable
CREATE TABLE "chat_rate_limits" (
    "user_id" TEXT NOT NULL,
    "window_start_at" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "chat_rate_limits_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "chat_rate_limits" ADD CONSTRAINT "chat_rate_limits_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A conversation's updated_at follows its newest message, so storing a message is one statement
-- and the conversation list (ordered by updated_at) is always right.
CREATE FUNCTION "conversations_touch_on_message"() RETURNS trigger AS $$
BEGIN
  UPDATE "conversations" SET "updated_at" = NEW."created_at"
  WHERE "id" = NEW."conversation_id" AND "updated_at" < NEW."created_at";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "messages_touch_conversation"
AFTER INSERT ON "messages"
FOR EACH ROW EXECUTE FUNCTION "conversations_touch_on_message"();
