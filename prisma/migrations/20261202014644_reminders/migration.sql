-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "reminded_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "tasks_due_reminders_idx" ON "tasks"("remind_at", "id") WHERE (remind_at IS NOT NULL AND NOT completed AND reminded_at IS DISTINCT FROM remind_at);
