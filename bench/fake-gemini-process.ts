// The concurrency scenario's fake Gemini server, in a process of its own (started with `fork`):
// real Gemini runs on Google's machines, so its work must stay out of the bench client's event
// loop, where parsing 50 request bodies at once would delay the client's clock and inflate the
// latencies it measures. Sends `{ url }` to its parent once listening; exits on SIGTERM.
import { quickstartResponder, startFakeGemini } from "../tests/helpers/fake-gemini";

const delayMs = Number(process.env.FAKE_GEMINI_DELAY_MS ?? 300);
const fake = await startFakeGemini({ respond: quickstartResponder, delayMs, chunkDelayMs: 0 });
// Only the replies matter here: keep no history of the requests (the bench sends thousands).
fake.setResponder((request) => {
  fake.requests.length = 0;
  return quickstartResponder(request);
});
process.send?.({ url: fake.url });
process.once("SIGTERM", () => void fake.close().finally(() => process.exit(0)));
