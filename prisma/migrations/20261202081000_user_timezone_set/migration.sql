-- When the user last chose a time zone (null: never). Sign-in and sign-up give an account the
-- browser's zone only while it is null, so a deliberate UTC stays UTC. Zones other than the
-- default were chosen (or adopted from a browser) before this column existed.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "timezone_set_at" TIMESTAMPTZ(3);

UPDATE "users" SET "timezone_set_at" = "updated_at" WHERE "timezone" <> 'UTC';
