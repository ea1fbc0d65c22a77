// /api/* that matches no route — a JSON 404 instead of the HTML page
import { AppError } from "@/lib/errors";
import { handle, methods } from "@/lib/http";

const notFound = handle(async (req) => {
  throw new AppError("not_found", `No API route at ${new URL(req.url).pathname}`);
});

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  GET: notFound,
  POST: notFound,
  PUT: notFound,
  PATCH: notFound,
  DELETE: notFound,
});
