import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (`prisma generate`, and `prisma migrate deploy` on machines that can
// download Prisma's schema engine, such as a Vercel build). The app itself connects through a
// driver adapter in lib/db.ts, and `npm run db:migrate` applies migrations offline.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DIRECT_DATABASE_URL ?? process.env.DATABASE_URL ?? "" },
});
