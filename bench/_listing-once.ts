// one-off (not committed): only scenario 10
import { formatTable } from "./report";
import { measureListing } from "./scenarios/listing";
import { startPostgresServer } from "./server";

const server = await startPostgresServer();
try {
  const r = await measureListing(server, { warmup: 20, samples: Number(process.env.N ?? 200) });
  console.log(formatTable([r]));
  console.log(JSON.stringify(r.data));
} finally {
  await server.close();
}
