// The ChatKit server protocol as zod schemas, written from the reference server
// (openai/chatkit-python: chatkit/types.py, widgets.py, actions.py, errors.py, server.py).
//
// Requests accept unknown keys, as the reference's pydantic models do, so a newer ChatKit client
// that sends an extra field still works; what they require, they require. Everything the server
// sends is a strict object: the contract tests parse every event and response with these
// schemas, so a stray or misspelt field fails them. Taskchat produces user messages, assistant
// messages and widgets; the reference's other item kinds (workflows, tasks, client tool calls,
// generated images) and annotations are not modelled because Taskchat never sends them.
import { z } from "zod";

// ── Shared pieces ────────────────────────────────────────────────────────────────────────────

/** Ids are opaque strings in the protocol; Taskchat's are uuids, optionally with a suffix. */
const idSchema = z.string().min(1).max(200);
/** Instants as ISO-8601 UTC strings (pydantic serialises `datetime` the same way). */
const instantSchema = z.iso.datetime({ offset: true });
const metadataSchema = z.record(z.string(), z.unknown());

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A page of records; `after` is the cursor for the next page, absent on the last one. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.strictObject({ data: z.array(item), has_more: z.boolean(), after: z.string().optional() });

// ── Actions (chatkit/actions.py) ─────────────────────────────────────────────────────────────

export const actionConfigSchema = z.strictObject({
  type: z.string(),
  payload: z.unknown().optional(),
  handler: z.enum(["client", "server"]),
  loadingBehavior: z.enum(["auto", "none", "self", "container"]),
});
export type ActionConfig = z.infer<typeof actionConfigSchema>;

/** An action as a client sends it back (`Action[str, Any]`). */
export const actionSchema = z.object({ type: z.string().min(1).max(100), payload: z.unknown().optional() });

// ── Widgets (chatkit/widgets.py): the components Taskchat's widgets are made of ──────────────

const widgetBase = { key: z.string().optional(), id: z.string().optional() };
const textColor = z.string();
const iconName = z.enum([
  "calendar",
  "check",
  "check-circle",
  "check-circle-filled",
  "circle-question",
  "dot",
  "empty-circle",
  "info",
  "plus",
  "reload",
  "search",
  "star",
  "star-filled",
  "write",
]);
export type WidgetIconName = z.infer<typeof iconName>;

export const widgetStatusSchema = z.strictObject({ text: z.string(), icon: iconName.optional() });

const textSchema = z.strictObject({
  type: z.literal("Text"),
  ...widgetBase,
  value: z.string(),
  color: textColor.optional(),
  weight: z.enum(["normal", "medium", "semibold", "bold"]).optional(),
  size: z.enum(["xs", "sm", "md", "lg", "xl"]).optional(),
  lineThrough: z.boolean().optional(),
  truncate: z.boolean().optional(),
  maxLines: z.number().int().optional(),
});
const titleSchema = z.strictObject({
  type: z.literal("Title"),
  ...widgetBase,
  value: z.string(),
  size: z.enum(["sm", "md", "lg", "xl", "2xl", "3xl", "4xl", "5xl"]).optional(),
});
const captionSchema = z.strictObject({
  type: z.literal("Caption"),
  ...widgetBase,
  value: z.string(),
  color: textColor.optional(),
  size: z.enum(["sm", "md", "lg"]).optional(),
});
const badgeSchema = z.strictObject({
  type: z.literal("Badge"),
  ...widgetBase,
  label: z.string(),
  color: z.enum(["secondary", "success", "danger", "warning", "info", "discovery"]).optional(),
  variant: z.enum(["solid", "soft", "outline"]).optional(),
  size: z.enum(["sm", "md", "lg"]).optional(),
  pill: z.boolean().optional(),
});
const iconSchema = z.strictObject({
  type: z.literal("Icon"),
  ...widgetBase,
  name: iconName,
  color: textColor.optional(),
  size: z.enum(["xs", "sm", "md", "lg", "xl", "2xl", "3xl"]).optional(),
});
const buttonSchema = z.strictObject({
  type: z.literal("Button"),
  ...widgetBase,
  label: z.string().optional(),
  onClickAction: actionConfigSchema.optional(),
  iconStart: iconName.optional(),
  color: z.enum(["primary", "secondary", "info", "discovery", "success", "caution", "warning", "danger"]).optional(),
  variant: z.enum(["solid", "soft", "outline", "ghost"]).optional(),
  size: z.enum(["3xs", "2xs", "xs", "sm", "md", "lg", "xl", "2xl", "3xl"]).optional(),
});
const spacerSchema = z.strictObject({ type: z.literal("Spacer"), ...widgetBase });
const dividerSchema = z.strictObject({ type: z.literal("Divider"), ...widgetBase, flush: z.boolean().optional() });

const boxProps = {
  ...widgetBase,
  align: z.enum(["start", "center", "end", "baseline", "stretch"]).optional(),
  justify: z.enum(["start", "center", "end", "between", "around", "evenly", "stretch"]).optional(),
  wrap: z.enum(["nowrap", "wrap", "wrap-reverse"]).optional(),
  gap: z.number().optional(),
  flex: z.number().optional(),
};

type LeafComponent =
  | z.infer<typeof textSchema>
  | z.infer<typeof titleSchema>
  | z.infer<typeof captionSchema>
  | z.infer<typeof badgeSchema>
  | z.infer<typeof iconSchema>
  | z.infer<typeof buttonSchema>
  | z.infer<typeof spacerSchema>
  | z.infer<typeof dividerSchema>;
type BoxProps = { [K in keyof typeof boxProps]?: z.infer<(typeof boxProps)[K]> };
export type WidgetComponent =
  | LeafComponent
  | (BoxProps & { type: "Row" | "Col"; children: WidgetComponent[] })
  | {
      type: "ListViewItem";
      key?: string;
      id?: string;
      gap?: number;
      align?: BoxProps["align"];
      children: WidgetComponent[];
    };

// Containers hold components, which may be containers: the recursion needs a declared type.
export const widgetComponentSchema: z.ZodType<WidgetComponent> = z.lazy(() =>
  z.discriminatedUnion("type", [
    textSchema,
    titleSchema,
    captionSchema,
    badgeSchema,
    iconSchema,
    buttonSchema,
    spacerSchema,
    dividerSchema,
    z.strictObject({ type: z.literal("Row"), ...boxProps, children: z.array(widgetComponentSchema) }),
    z.strictObject({ type: z.literal("Col"), ...boxProps, children: z.array(widgetComponentSchema) }),
    listViewItemSchema,
  ]),
);

const listViewItemSchema = z.strictObject({
  type: z.literal("ListViewItem"),
  ...widgetBase,
  gap: z.number().optional(),
  align: boxProps.align,
  children: z.array(widgetComponentSchema),
});

export const cardSchema = z.strictObject({
  type: z.literal("Card"),
  ...widgetBase,
  size: z.enum(["sm", "md", "lg", "full"]).optional(),
  status: widgetStatusSchema.optional(),
  children: z.array(widgetComponentSchema),
});
export const listViewSchema = z.strictObject({
  type: z.literal("ListView"),
  ...widgetBase,
  status: widgetStatusSchema.optional(),
  limit: z.union([z.number().int(), z.literal("auto")]).optional(),
  children: z.array(listViewItemSchema),
});
export const widgetRootSchema = z.discriminatedUnion("type", [cardSchema, listViewSchema]);
export type WidgetRoot = z.infer<typeof widgetRootSchema>;
export type ListViewItem = z.infer<typeof listViewItemSchema>;

// ── Thread items (chatkit/types.py) ──────────────────────────────────────────────────────────

const itemBase = { id: idSchema, thread_id: idSchema, created_at: instantSchema };

export const userMessageTextContentSchema = z.object({ type: z.literal("input_text"), text: z.string() });
export const userMessageTagContentSchema = z.object({
  type: z.literal("input_tag"),
  id: z.string(),
  text: z.string(),
  data: metadataSchema,
  group: z.string().nullish(),
  interactive: z.boolean().optional(),
});
export const userMessageContentSchema = z.discriminatedUnion("type", [
  userMessageTextContentSchema,
  userMessageTagContentSchema,
]);
export const inferenceOptionsSchema = z.object({
  tool_choice: z.object({ id: z.string() }).nullish(),
  model: z.string().nullish(),
});

export const userMessageItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal("user_message"),
  content: z.array(z.strictObject({ type: z.literal("input_text"), text: z.string() })),
  attachments: z.array(z.never()),
  quoted_text: z.string().optional(),
  inference_options: z.strictObject({
    tool_choice: z.strictObject({ id: z.string() }).optional(),
    model: z.string().optional(),
  }),
});

export const assistantMessageContentSchema = z.strictObject({
  type: z.literal("output_text"),
  text: z.string(),
  annotations: z.array(z.never()),
});
export type AssistantMessageContent = z.infer<typeof assistantMessageContentSchema>;

export const assistantMessageItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal("assistant_message"),
  content: z.array(assistantMessageContentSchema),
});

export const widgetItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal("widget"),
  widget: widgetRootSchema,
  copy_text: z.string().optional(),
});

export const threadItemSchema = z.discriminatedUnion("type", [
  userMessageItemSchema,
  assistantMessageItemSchema,
  widgetItemSchema,
]);
export type UserMessageItem = z.infer<typeof userMessageItemSchema>;
export type AssistantMessageItem = z.infer<typeof assistantMessageItemSchema>;
export type WidgetItem = z.infer<typeof widgetItemSchema>;
export type ThreadItem = z.infer<typeof threadItemSchema>;

// ── Threads ──────────────────────────────────────────────────────────────────────────────────

export const threadStatusSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("active") }),
  z.strictObject({ type: z.literal("locked"), reason: z.string().optional() }),
  z.strictObject({ type: z.literal("closed"), reason: z.string().optional() }),
]);

export const threadSchema = z.strictObject({
  id: idSchema,
  title: z.string().optional(),
  created_at: instantSchema,
  status: threadStatusSchema,
  metadata: metadataSchema,
  items: pageSchema(threadItemSchema),
});
export type Thread = z.infer<typeof threadSchema>;
export const threadPageSchema = pageSchema(threadSchema);
export const itemPageSchema = pageSchema(threadItemSchema);
export type Page<T> = { data: T[]; has_more: boolean; after?: string };

// ── Stream events ────────────────────────────────────────────────────────────────────────────

const contentIndex = z.number().int().min(0);

export const threadItemUpdateSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("assistant_message.content_part.added"),
    content_index: contentIndex,
    content: assistantMessageContentSchema,
  }),
  z.strictObject({
    type: z.literal("assistant_message.content_part.text_delta"),
    content_index: contentIndex,
    delta: z.string(),
  }),
  z.strictObject({
    type: z.literal("assistant_message.content_part.done"),
    content_index: contentIndex,
    content: assistantMessageContentSchema,
  }),
  z.strictObject({ type: z.literal("widget.root.updated"), widget: widgetRootSchema }),
]);

/**
 * `code` is "custom" with a message to show, or one of ChatKit's error codes (an open set;
 * "stream.error" is the generic one) for the client to word.
 */
export const errorEventSchema = z.strictObject({
  type: z.literal("error"),
  code: z.string(),
  message: z.string().optional(),
  allow_retry: z.boolean(),
});
export type ErrorEvent = z.infer<typeof errorEventSchema>;

export const threadStreamEventSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("thread.created"), thread: threadSchema }),
  z.strictObject({ type: z.literal("thread.updated"), thread: threadSchema }),
  z.strictObject({ type: z.literal("thread.item.added"), item: threadItemSchema }),
  z.strictObject({ type: z.literal("thread.item.updated"), item_id: idSchema, update: threadItemUpdateSchema }),
  z.strictObject({ type: z.literal("thread.item.done"), item: threadItemSchema }),
  z.strictObject({ type: z.literal("thread.item.removed"), item_id: idSchema }),
  z.strictObject({ type: z.literal("thread.item.replaced"), item: threadItemSchema }),
  z.strictObject({ type: z.literal("stream_options"), stream_options: z.strictObject({ allow_cancel: z.boolean() }) }),
  z.strictObject({ type: z.literal("progress_update"), icon: iconName.optional(), text: z.string() }),
  errorEventSchema,
  z.strictObject({
    type: z.literal("notice"),
    level: z.enum(["info", "warning", "danger"]),
    message: z.string(),
    title: z.string().optional(),
  }),
]);
export type ThreadStreamEvent = z.infer<typeof threadStreamEventSchema>;

/**
 * The body of a refused request: ChatKit's error event (what its clients understand), with
 * Taskchat's own error code and, for invalid input, the issues, as on every other route.
 */
export const errorResponseSchema = errorEventSchema.extend({
  error: z.string(),
  issues: z
    .array(
      z.strictObject({
        path: z.array(z.union([z.string(), z.number()])),
        message: z.string(),
        code: z.string().optional(),
      }),
    )
    .optional(),
});

// ── Requests ─────────────────────────────────────────────────────────────────────────────────

export const userMessageInputSchema = z.object({
  content: z.array(userMessageContentSchema).min(1).max(100),
  attachments: z.array(z.string()).max(20),
  quoted_text: z.string().max(8000).nullish(),
  inference_options: inferenceOptionsSchema,
});
export type UserMessageInput = z.infer<typeof userMessageInputSchema>;

const listParams = {
  limit: z.number().int().min(1).nullish(),
  order: z.enum(["asc", "desc"]).default("desc"),
  after: z.string().max(1000).nullish(),
};

const request = <T extends string, P extends z.ZodType>(type: T, params: P) =>
  z.object({ type: z.literal(type), params, metadata: metadataSchema.optional() });

/** Requests answered with a stream of events (`data: <event>\n\n`). */
export const streamingRequestSchemas = {
  "threads.create": request("threads.create", z.object({ input: userMessageInputSchema })),
  "threads.add_user_message": request(
    "threads.add_user_message",
    z.object({ thread_id: idSchema, input: userMessageInputSchema }),
  ),
  "threads.add_client_tool_output": request(
    "threads.add_client_tool_output",
    z.object({ thread_id: idSchema, result: z.unknown() }),
  ),
  "threads.retry_after_item": request("threads.retry_after_item", z.object({ thread_id: idSchema, item_id: idSchema })),
  "threads.custom_action": request(
    "threads.custom_action",
    z.object({ thread_id: idSchema, item_id: idSchema.nullish(), action: actionSchema }),
  ),
};

/** Requests answered with one JSON document. */
export const jsonRequestSchemas = {
  "threads.get_by_id": request("threads.get_by_id", z.object({ thread_id: idSchema })),
  "threads.list": request("threads.list", z.object(listParams)),
  "items.list": request("items.list", z.object({ thread_id: idSchema, ...listParams })),
  "items.feedback": request(
    "items.feedback",
    z.object({
      thread_id: idSchema,
      item_ids: z.array(idSchema).min(1).max(100),
      kind: z.enum(["positive", "negative"]),
    }),
  ),
  "attachments.create": request(
    "attachments.create",
    z.object({ name: z.string(), size: z.number().int(), mime_type: z.string() }),
  ),
  "attachments.delete": request("attachments.delete", z.object({ attachment_id: idSchema })),
  "threads.update": request("threads.update", z.object({ thread_id: idSchema, title: z.string() })),
  "threads.delete": request("threads.delete", z.object({ thread_id: idSchema })),
};

const s = streamingRequestSchemas;
const j = jsonRequestSchemas;
export const chatKitRequestSchema = z.discriminatedUnion("type", [
  s["threads.create"],
  s["threads.add_user_message"],
  s["threads.add_client_tool_output"],
  s["threads.retry_after_item"],
  s["threads.custom_action"],
  j["threads.get_by_id"],
  j["threads.list"],
  j["items.list"],
  j["items.feedback"],
  j["attachments.create"],
  j["attachments.delete"],
  j["threads.update"],
  j["threads.delete"],
]);
export type ChatKitRequest = z.infer<typeof chatKitRequestSchema>;
export type RequestOf<T extends ChatKitRequest["type"]> = Extract<ChatKitRequest, { type: T }>;
export const REQUEST_TYPES = [...Object.keys(streamingRequestSchemas), ...Object.keys(jsonRequestSchemas)];
