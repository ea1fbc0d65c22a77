-- Tasks, extended (SPEC part 2): due dates, priority, tags, recurrence, reminders; users' zones.

-- Search is case- and accent-insensitive and matches words anywhere in the title or description:
-- a trigram index over a generated, lower-cased, accent-free copy of the text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change); naming the dictionary makes this
-- wrapper safe to declare IMMUTABLE, as a generated column requires.
CREATE FUNCTION taskchat_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE FUNCTION taskchat_lower_tags(text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(array_agg(lower(t)), '{}') FROM unnest($1) AS t $$;

-- CreateEnum
CREATE TYPE "task_priority" AS ENUM ('none', 'low', 'medium', 'high');

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "all_day" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "completed_at" TIMESTAMPTZ(3),
ADD COLUMN     "due_at" TIMESTAMPTZ(3),
ADD COLUMN     "previous_id" INTEGER,
ADD COLUMN     "priority" "task_priority" NOT NULL DEFAULT 'none',
ADD COLUMN     "recurrence" VARCHAR(500),
ADD COLUMN     "remind_at" TIMESTAMPTZ(3),
ADD COLUMN     "tags" VARCHAR(32)[] DEFAULT ARRAY[]::VARCHAR(32)[],
ADD COLUMN     "search_text" TEXT GENERATED ALWAYS AS (lower(taskchat_unaccent("title" || ' ' || "description"))) STORED,
ADD COLUMN     "tag_keys" TEXT[] GENERATED ALWAYS AS (taskchat_lower_tags("tags")) STORED;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC';

-- CreateIndex
CREATE UNIQUE INDEX "tasks_previous_id_key" ON "tasks"("previous_id");

-- CreateIndex
CREATE INDEX "tasks_user_id_created_at_idx" ON "tasks"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "tasks_user_id_due_at_idx" ON "tasks"("user_id", "due_at");

-- CreateIndex
CREATE INDEX "tasks_user_id_priority_created_at_idx" ON "tasks"("user_id", "priority", "created_at");

-- CreateIndex
CREATE INDEX "tasks_user_id_updated_at_idx" ON "tasks"("user_id", "updated_at");

-- CreateIndex
CREATE INDEX "tasks_user_id_title_idx" ON "tasks"("user_id", "title");

-- CreateIndex
CREATE INDEX "tasks_tag_keys_idx" ON "tasks" USING GIN ("tag_keys");

-- CreateIndex
CREATE INDEX "tasks_search_text_idx" ON "tasks" USING GIN ("search_text" gin_trgm_ops);
