-- Pruning the sign-in failures nobody remembers any more (last failure over a day ago) by age,
-- without reading the whole table: any address gets a row, so an address spray makes it large.

-- CreateIndex
CREATE INDEX "sign_in_failures_last_failed_at_idx" ON "sign_in_failures"("last_failed_at");
