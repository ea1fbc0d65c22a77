// 3: the streamed turn (what the chat UI uses): time to the first byte and to the first text,
// against the whole JSON turn, interleaved. Measured with the instant offline model and with
// one that takes time per word like a real model, where streaming is meant to pay off.
import { signUp } from "../../tests/helpers/api";
import { type StreamTiming, postChat, postChatStream } from "../client";
import { type Row, type ScenarioResult, infoRow } from "../report";
import { tenMessageConversations } from "../seed";
import type { BenchServer } from "../server";
import { ms, ratio, summarize } from "../stats";

async function measure(server: BenchServer, rounds: { warmup: number; samples: number }) {
  const user = await signUp(server.url, { name: "Bench Stream" });
  const total = rounds.warmup + rounds.samples;
  const conversations = await tenMessageConversations(server, user, 2 * total);
  const streams: StreamTiming[] = [];
  const json: number[] = [];
  for (let i = 0; i < total; i++) {
    const stream = await postChatStream(server.url, user.token, {
      message: "hello",
      conversation_id: conversations[2 * i]!,
    });
    const whole = await postChat(server.url, user.token, {
      message: "hello",
      conversation_id: conversations[2 * i + 1]!,
    });
    if (stream.status !== 200 || whole.status !== 200)
      throw new Error(`streaming scenario: ${stream.status} / ${whole.status}`);
    if (Number.isNaN(stream.firstTextMs)) throw new Error("the stream carried no text-delta chunk");
    if (i < rounds.warmup) continue;
    streams.push(stream);
    json.push(whole.ms);
  }
  const of = (pick: (s: StreamTiming) => number) => summarize(streams.map(pick));
  return {
    json: summarize(json),
    headers: of((s) => s.headersMs),
    firstByte: of((s) => s.firstByteMs),
    firstText: of((s) => s.firstTextMs),
    total: of((s) => s.totalMs),
  };
}

function rows(label: string, m: Awaited<ReturnType<typeof measure>>): Row[] {
  const vs = (value: number) => `${ms(value)} (${ratio(value / m.json.median)})`;
  return [
    infoRow(label, `JSON turn ${ms(m.json.median)}; stream, as a share of it:`),
    infoRow("  response headers", vs(m.headers.median)),
    infoRow("  first byte", vs(m.firstByte.median)),
    infoRow("  first text-delta", vs(m.firstText.median)),
    infoRow("  last byte", vs(m.total.median)),
  ];
}

export async function measureStreaming(
  instantServer: BenchServer,
  slowServer: BenchServer,
  options: { warmup: number; samples: number; slowSamples: number; modelDelayMs: number },
): Promise<ScenarioResult> {
  const instant = await measure(instantServer, options);
  const slow = await measure(slowServer, { warmup: 3, samples: options.slowSamples });
  return {
    title: "3. Streaming turn (Accept: text/event-stream) vs the JSON turn, medians, interleaved",
    rows: [...rows(`model taking ${options.modelDelayMs} ms a word`, slow), ...rows("instant offline model", instant)],
    notes: [
      "With a model that takes time, the first words reach the reader long before a JSON answer would.",
      "The instant model produces every word at once: the stream's per-word work runs in one burst and",
      "the body arrives nearly in one piece, later than a JSON answer (which skips that work).",
    ],
    data: { instant, slow, modelDelayMs: options.modelDelayMs },
  };
}
