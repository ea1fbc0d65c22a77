#!/bin/sh
# Stands in for Prisma's native schema engine during `prisma generate` (see prisma-generate.mjs).
echo "schema engine not available offline: use npm run db:migrate" >&2
exit 1
