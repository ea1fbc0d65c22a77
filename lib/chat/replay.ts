// JSON-mode turns run the tool loop with generateText; these are the chunks the stream mode's
// UI message stream would have carried for the same steps, replayed so that the AI SDK builds
// the stored message the same way in both modes.
import type { StepResult, ToolSet, UIMessageChunk } from "ai";

/**
 * The UI message chunks that `toUIMessageStream({sendReasoning: false, onError})` sends for
 * these finished steps of generateText — reasoning and sources left out, tool errors masked by
 * `onError` — minus the in-between streaming states, which leave nothing in the final message.
 * A mirror of the AI SDK's own mapping (ai 6), kept honest by tests/integration/chat-turn.test.ts,
 * which stores the same scripted turn in both modes and compares.
 */
export function uiChunksOfSteps(
  steps: readonly StepResult<ToolSet>[],
  tools: ToolSet,
  onError: (error: unknown) => string,
): UIMessageChunk[] {
  const chunks: UIMessageChunk[] = [];
  const isDynamic = (part: { toolName: string; dynamic?: boolean }) =>
    tools[part.toolName] ? (tools[part.toolName]!.type === "dynamic" ? true : undefined) : part.dynamic;
  const optional = <T extends object>(fields: T) =>
    Object.fromEntries(Object.entries(fields).filter(([, value]) => value != null)) as Partial<T>;
  for (const step of steps) {
    chunks.push({ type: "start-step" });
    step.content.forEach((part, index) => {
      switch (part.type) {
        case "text": {
          if (!part.text) break;
          const id = String(index);
          const extra = optional({ providerMetadata: part.providerMetadata });
          chunks.push(
            { type: "text-start", id, ...extra },
            { type: "text-delta", id, delta: part.text, ...extra },
            { type: "text-end", id, ...extra },
          );
          break;
        }
        case "file":
          chunks.push({
            type: "file",
            mediaType: part.file.mediaType,
            url: `data:${part.file.mediaType};base64,${part.file.base64}`,
            ...optional({ providerMetadata: part.providerMetadata }),
          });
          break;
        case "tool-call": {
          const extra = optional({
            providerExecuted: part.providerExecuted,
            providerMetadata: part.providerMetadata,
            dynamic: isDynamic(part),
            title: part.title,
          });
          const base = { toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, ...extra };
          chunks.push(
            part.invalid
              ? { type: "tool-input-error", ...base, errorText: onError(part.error) }
              : { type: "tool-input-available", ...base },
          );
          break;
        }
        case "tool-result":
          chunks.push({
            type: "tool-output-available",
            toolCallId: part.toolCallId,
            output: part.output === undefined ? null : part.output,
            ...optional({
              providerExecuted: part.providerExecuted,
              providerMetadata: part.providerMetadata,
              preliminary: part.preliminary,
              dynamic: isDynamic(part),
            }),
          });
          break;
        case "tool-error":
          chunks.push({
            type: "tool-output-error",
            toolCallId: part.toolCallId,
            errorText: part.providerExecuted
              ? typeof part.error === "string"
                ? part.error
                : JSON.stringify(part.error)
              : onError(part.error),
            ...optional({
              providerExecuted: part.providerExecuted,
              providerMetadata: part.providerMetadata,
              dynamic: isDynamic(part),
            }),
          });
          break;
        default:
          break; // reasoning and sources are not sent; no tool needs approval
      }
    });
    chunks.push({ type: "finish-step" });
  }
  return chunks;
}
