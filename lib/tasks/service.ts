import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type Actor, type ChangeEvent, recordEvent } from "@/lib/events/record";
import { Prisma } from "@/lib/generated/prisma/client";
import { firstOccurrence, nextOccurrence, parseRecurrence, recurrenceText } from "./recurrence";
import {
  type CreateTaskInput,
  DEFAULT_LIST_LIMIT,
  type ListTasksParams,
  type TaskFieldsInput,
  type TaskPriority,
  type TaskStatus,
  type UpdateTaskInput,
} from "./schemas";
import { type When, parseWhen, startOfZonedDay } from "./when";
import { assertWriteAllowed } from "./write-limits";

// The only code that touches task rows. Every query is scoped by the user id; every change is
// made by an Actor (the user and the door) and recorded as an event in its own transaction.

export type TaskDto = {
  id: number;
  title: string;
  description: string;
  completed: boolean;
  created_at: string;
  updated_at: string;
  due_at: string | null;
  all_day: boolean;
  priority: TaskPriority;
  tags: string[];
  recurrence: string | null;
  recurrence_text: string | null;
  remind_at: string | null;
  completed_at: string | null;
};

/** A completed recurring task carries its next occurrence (null when the series has ended). */
export type CompletedTaskDto = TaskDto & { next?: TaskDto | null };
export type TaskList = { tasks: TaskDto[]; count: number; next_cursor: string | null };
export type DeletedTask = { id: number; title: string; deleted: true };
export type TagCount = { name: string; count: number };

// Every column but the generated search ones.
const taskColumns = {
  id: true,
  title: true,
  description: true,
  completed: true,
  createdAt: true,
  updatedAt: true,
  dueAt: true,
  allDay: true,
  priority: true,
  tags: true,
  recurrence: true,
  remindAt: true,
  completedAt: true,
} as const satisfies Prisma.TaskSelect;
type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskColumns }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toTaskDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    due_at: iso(row.dueAt),
    all_day: row.allDay,
    priority: row.priority,
    tags: row.tags,
    recurrence: row.recurrence,
    recurrence_text: recurrenceText(row.recurrence),
    remind_at: iso(row.remindAt),
    completed_at: iso(row.completedAt),
  };
}

export class TaskNotFoundError extends AppError {
  constructor(readonly taskId: number) {
    super("not_found", `Task ${taskId} not found`);
  }
}

/** A field that could not be read: a 400 naming it (REST), `{error: "<field>: …"}` (tools). */
function fieldError(field: string, message: string): AppError {
  return new AppError("invalid_request", `${field}: ${message}`, { issues: [{ path: [field], message }] });
}

/**
 * The user's IANA zone: the one the caller already has (the session's), else read once per call
 * and only when something needs it.
 */
function zoneReader(userId: string, known?: string): () => Promise<string> {
  let zone: Promise<string> | undefined = known === undefined ? undefined : Promise.resolve(known);
  return () =>
    (zone ??= prisma.user
      .findUnique({ where: { id: userId }, select: { timezone: true } })
      .then((u) => u?.timezone ?? "UTC"));
}

async function readWhen(field: string, input: string, zone: () => Promise<string>, now: Date): Promise<When> {
  const result = parseWhen(input, await zone(), now);
  if (!result.ok) throw fieldError(field, result.message);
  return result.when;
}

function readRule(input: string): string {
  const result = parseRecurrence(input);
  if (!result.ok) throw fieldError("recurrence", result.message);
  return result.rule;
}

type FieldData = {
  dueAt?: Date | null;
  allDay?: boolean;
  priority?: TaskPriority;
  tags?: string[];
  recurrence?: string | null;
  remindAt?: Date | null;
};

/**
 * The part-2 fields of a create or update as column values: phrases read in the user's zone,
 * `null` clearing a field. A rule without a due date starts at its first day from today.
 */
async function resolveFields(
  input: TaskFieldsInput,
  zone: () => Promise<string>,
  now: Date,
  currentDue?: Date | null,
): Promise<FieldData> {
  const data: FieldData = {};
  if (input.due_at === null) Object.assign(data, { dueAt: null, allDay: false });
  else if (input.due_at !== undefined) {
    const when = await readWhen("due_at", input.due_at, zone, now);
    Object.assign(data, { dueAt: when.at, allDay: when.allDay });
  }
  if (input.remind_at === null) data.remindAt = null;
  else if (input.remind_at !== undefined) data.remindAt = (await readWhen("remind_at", input.remind_at, zone, now)).at;
  if (input.priority !== undefined) data.priority = input.priority ?? "none";
  if (input.tags !== undefined) data.tags = input.tags ?? [];
  if (input.recurrence === null) data.recurrence = null;
  else if (input.recurrence !== undefined) {
    data.recurrence = readRule(input.recurrence);
    const due = data.dueAt === undefined ? currentDue : data.dueAt;
    if (!due) {
      const tz = await zone();
      const first = firstOccurrence(data.recurrence, startOfZonedDay(tz, now), tz);
      if (!first) throw fieldError("recurrence", "has no occurrence from today on");
      Object.assign(data, { dueAt: first, allDay: true });
    }
  }
  return data;
}

// Updates and deletes are single statements scoped by (id, userId): a foreign id fails exactly
// like a missing one.
async function orNotFound<T>(taskId: number, query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      throw new TaskNotFoundError(taskId);
    }
    throw error;
  }
}

type Tx = Prisma.TransactionClient;

/** Runs a change, within the write limits, and records its events in one transaction. */
function change<T>(
  actor: Actor,
  write: (tx: Tx) => Promise<T>,
  events: (result: T) => ChangeEvent[],
  options: { addsTask: boolean } = { addsTask: false },
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await assertWriteAllowed(tx, actor, options);
    const result = await write(tx);
    for (const event of events(result)) await recordEvent(tx, actor, event);
    return result;
  });
}

export async function addTask(actor: Actor, input: CreateTaskInput): Promise<TaskDto> {
  const fields = await resolveFields(input, zoneReader(actor.userId, actor.timezone), new Date());
  return change(
    actor,
    async (tx) =>
      toTaskDto(
        await tx.task.create({
          data: { userId: actor.userId, title: input.title, description: input.description ?? "", ...fields },
          select: taskColumns,
        }),
      ),
    (task) => [{ type: "task.created", data: task }],
    { addsTask: true },
  );
}

// ── Listing ──────────────────────────────────────────────────────────────────────────────

/** Lower-cased, accent-free words, as the generated search_text column holds them. */
function searchWords(q: string): string[] {
  return q.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/\s+/).filter(Boolean);
}

/** Conditions on the columns tasks and task_tags share (same names): a where for either table. */
type SharedWhere = Prisma.TaskWhereInput & Prisma.TaskTagWhereInput;

async function dueWhere(params: ListTasksParams, zone: () => Promise<string>, now: Date): Promise<SharedWhere[]> {
  const where: SharedWhere[] = [];
  if (params.due) {
    const day = async (offset: number) => startOfZonedDay(await zone(), now, offset);
    switch (params.due) {
      case "overdue":
        where.push({
          completed: false,
          OR: [
            { allDay: false, dueAt: { lt: now } },
            { allDay: true, dueAt: { lt: await day(0) } },
          ],
        });
        break;
      case "today":
        where.push({ dueAt: { gte: await day(0), lt: await day(1) } });
        break;
      case "tomorrow":
        where.push({ dueAt: { gte: await day(1), lt: await day(2) } });
        break;
      case "week":
        where.push({ dueAt: { gte: await day(0), lt: await day(7) } });
        break;
      case "none":
        where.push({ dueAt: null });
        break;
      case "any":
        where.push({ dueAt: { not: null } });
        break;
    }
  }
  if (params.due_before) where.push({ dueAt: { lt: (await readWhen("due_before", params.due_before, zone, now)).at } });
  if (params.due_after) where.push({ dueAt: { gt: (await readWhen("due_after", params.due_after, zone, now)).at } });
  return where;
}

type Direction = "asc" | "desc";
function orderBy(sort: ListTasksParams["sort"], order: Direction | undefined): Prisma.TaskOrderByWithRelationInput[] {
  switch (sort ?? "created") {
    case "due": {
      const dir = order ?? "asc";
      return [{ dueAt: { sort: dir, nulls: "last" } }, { id: dir }];
    }
    case "priority": {
      const dir = order ?? "desc";
      return [{ priority: dir }, { createdAt: "desc" }, { id: "desc" }];
    }
    case "title": {
      const dir = order ?? "asc";
      return [{ title: dir }, { id: dir }];
    }
    case "updated": {
      const dir = order ?? "desc";
      return [{ updatedAt: dir }, { id: dir }];
    }
    case "created": {
      const dir = order ?? "desc";
      return [{ createdAt: dir }, { id: dir }];
    }
  }
}

function statusFilter(status: TaskStatus) {
  return status === "all" ? {} : { completed: status === "completed" };
}

/**
 * One page of the user's tasks, filtered and sorted; `count` is every match, `next_cursor` the
 * id to continue after (Prisma's cursor paging, stable under any sort that ends with the id).
 */
export async function listTasks(userId: string, params: ListTasksParams = {}, timezone?: string): Promise<TaskList> {
  const now = new Date();
  const due = await dueWhere(params, zoneReader(userId, timezone), now);
  const shared: SharedWhere = {
    userId,
    ...statusFilter(params.status ?? "all"),
    ...(params.priority?.length && { priority: { in: params.priority } }),
    AND: due,
  };
  const tags = [...new Set(params.tag?.map((t) => t.toLowerCase()))];
  const words = searchWords(params.q ?? "");
  const where: Prisma.TaskWhereInput = {
    ...shared,
    ...(tags.length && { tagKeys: { hasSome: tags } }),
    AND: [...words.map((word) => ({ searchText: { contains: word } })), ...due],
  };
  const limit = params.limit ?? DEFAULT_LIST_LIMIT;
  const cursor = params.cursor ? Number(params.cursor) : undefined;
  const rows = await prisma.task.findMany({
    where,
    orderBy: orderBy(params.sort, params.order),
    take: limit + 1,
    ...(cursor && { cursor: { id: cursor }, skip: 1 }),
    select: taskColumns,
  });
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  const last = page.at(-1);
  // A first page that holds every match is its own count (one round trip, as in a chat turn's
  // list_tasks); otherwise count all matches with an index-only scan (see the migrations): under
  // one tag, over that tag's entries in task_tags (a tag can only be a filter in tasks' B-trees).
  const count =
    !cursor && !more
      ? page.length
      : tags.length === 1 && words.length === 0
        ? await prisma.taskTag.count({ where: { ...shared, tagKey: tags[0] } })
        : await prisma.task.count({ where });
  return { tasks: page.map(toTaskDto), count, next_cursor: more && last ? String(last.id) : null };
}

/** Open tasks per tag, most used first; tags differing only in case count as one (first spelling shown). */
export async function listTags(userId: string): Promise<TagCount[]> {
  const rows = await prisma.$queryRaw<{ name: string; count: bigint }[]>`
    SELECT (array_agg(tag ORDER BY id))[1] AS name, count(*) AS count
    FROM tasks, unnest(tags) AS tag
    WHERE user_id = ${userId} AND NOT completed
    GROUP BY lower(tag)
    ORDER BY count(*) DESC, lower(tag)`;
  return rows.map((r) => ({ name: r.name, count: Number(r.count) }));
}

export async function getTask(userId: string, taskId: number): Promise<TaskDto> {
  const row = await prisma.task.findFirst({ where: { id: taskId, userId }, select: taskColumns });
  if (!row) throw new TaskNotFoundError(taskId);
  return toTaskDto(row);
}

// ── Changes ──────────────────────────────────────────────────────────────────────────────

/**
 * Creates the next occurrence of a just-completed recurring task, once: `previous_id` is unique,
 * so a second completion of the same occurrence finds the one that exists.
 */
async function nextOf(
  tx: Tx,
  userId: string,
  knownZone: string | undefined,
  row: TaskRow,
  justCompleted: boolean,
): Promise<{ task: TaskDto; created: boolean } | null> {
  const existing = await tx.task.findUnique({ where: { previousId: row.id }, select: taskColumns });
  if (existing) return { task: toTaskDto(existing), created: false };
  if (!justCompleted || !row.recurrence) return null;
  // Read in the transaction when the caller does not know it: a second connection here could
  // wait on a pool that the open transactions hold.
  const zone =
    knownZone ?? (await tx.user.findUnique({ where: { id: userId }, select: { timezone: true } }))?.timezone ?? "UTC";
  const due = row.dueAt ?? row.completedAt ?? new Date();
  const next = nextOccurrence(row.recurrence, due, zone);
  if (!next) return null;
  const created = await tx.task.create({
    data: {
      userId,
      previousId: row.id,
      title: row.title,
      description: row.description,
      priority: row.priority,
      tags: row.tags,
      recurrence: next.rule,
      dueAt: next.at,
      allDay: row.allDay,
      remindAt: row.remindAt && new Date(row.remindAt.getTime() + (next.at.getTime() - due.getTime())),
    },
    select: taskColumns,
  });
  return { task: toTaskDto(created), created: true };
}

export async function updateTask(actor: Actor, taskId: number, input: UpdateTaskInput): Promise<CompletedTaskDto> {
  const { userId } = actor;
  const now = new Date();
  const needsCurrentDue = typeof input.recurrence === "string" && input.due_at === undefined;
  const current = needsCurrentDue
    ? await prisma.task.findFirst({ where: { id: taskId, userId }, select: { dueAt: true } })
    : undefined;
  if (needsCurrentDue && !current) throw new TaskNotFoundError(taskId);
  const fields = await resolveFields(input, zoneReader(userId, actor.timezone), now, current?.dueAt);
  const data = { title: input.title, description: input.description, ...fields };

  if (input.completed !== true) {
    const reopen = input.completed === false ? { completed: false, completedAt: null } : {};
    return change(
      actor,
      async (tx) =>
        toTaskDto(
          await orNotFound(
            taskId,
            tx.task.update({ where: { id: taskId, userId }, data: { ...data, ...reopen }, select: taskColumns }),
          ),
        ),
      (task) => [{ type: "task.updated", data: task }],
    );
  }

  // Completing: the conditional update decides which request completed the occurrence (a racing
  // second one waits on the row lock, then matches nothing), and the next occurrence is made in
  // the same transaction.
  const { task, next } = await change(
    actor,
    async (tx) => {
      const done = await tx.task.updateMany({
        where: { id: taskId, userId, completed: false },
        data: { completed: true, completedAt: now },
      });
      const row = await orNotFound(
        taskId,
        tx.task.update({ where: { id: taskId, userId }, data, select: taskColumns }),
      );
      return {
        task: toTaskDto(row),
        next: row.recurrence ? await nextOf(tx, userId, actor.timezone, row, done.count === 1) : undefined,
      };
    },
    ({ task, next }) => [
      { type: "task.updated", data: task },
      ...(next?.created ? [{ type: "task.created" as const, data: next.task }] : []),
    ],
  );
  return next === undefined ? task : { ...task, next: next?.task ?? null };
}

export function setTaskCompleted(actor: Actor, taskId: number, completed: boolean): Promise<CompletedTaskDto> {
  return updateTask(actor, taskId, { completed });
}

export async function deleteTask(actor: Actor, taskId: number): Promise<DeletedTask> {
  const row = await change(
    actor,
    (tx) =>
      orNotFound(
        taskId,
        tx.task.delete({ where: { id: taskId, userId: actor.userId }, select: { id: true, title: true } }),
      ),
    (deleted) => [{ type: "task.deleted", data: deleted }],
  );
  return { id: row.id, title: row.title, deleted: true };
}

// ── The user's time zone ─────────────────────────────────────────────────────────────────

export async function setTimezone(userId: string, timezone: string): Promise<string> {
  const user = await prisma.user.update({
    where: { id: userId },
    data: { timezone, timezoneSetAt: new Date() },
    select: { timezone: true },
  });
  return user.timezone;
}
