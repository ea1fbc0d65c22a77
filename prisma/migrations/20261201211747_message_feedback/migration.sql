-- CreateEnum
CREATE TYPE "feedback_kind" AS ENUM ('positive', 'negative');

-- CreateTable
CREATE TABLE "message_feedback" (
    "message_id" UUID NOT NULL,
    "kind" "feedback_kind" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "message_feedback_pkey" PRIMARY KEY ("message_id")
);

-- AddForeignKey
ALTER TABLE "message_feedback" ADD CONSTRAINT "message_feedback_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
