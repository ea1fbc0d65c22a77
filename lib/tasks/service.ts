import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type Actor, type ChangeEvent, recordEvent } from "@/lib/events/record";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateTaskInput, TaskStatus, UpdateTaskInput } from "./schemas";

// The only code that touches task rows. Every query is scoped by the user id; every change is
// made by an Actor (the user and the door) and recorded as an event in its own transaction.

export type TaskDto = {
  id: number;
  title: string;
  description: string;
  completed: boolean;
  created_at: string;
  updated_at: string;
};

export type TaskList = { tasks: TaskDto[]; count: number };
export type DeletedTask = { id: number; title: string; deleted: true };

/** The most tasks one list returns (newest first); `count` still reports them all. */
export const TASK_LIST_LIMIT = 500;

type TaskRow = { id: number; title: string; description: string; completed: boolean; createdAt: Date; updatedAt: Date };

export function toTaskDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export class TaskNotFoundError extends AppError {
  constructor(readonly taskId: number) {
    super("not_found", `Task ${taskId} not found`);
  }
}

const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

function statusFilter(status: TaskStatus) {
  return status === "all" ? {} : { completed: status === "completed" };
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

/** Runs a change and records its event in one transaction. */
function change<T>(
  actor: Actor,
  write: (tx: Prisma.TransactionClient) => Promise<T>,
  event: (result: T) => ChangeEvent,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const result = await write(tx);
    await recordEvent(tx, actor, event(result));
    return result;
  });
}

export async function addTask(actor: Actor, input: CreateTaskInput): Promise<TaskDto> {
  return change(
    actor,
    async (tx) =>
      toTaskDto(
        await tx.task.create({
          data: { userId: actor.userId, title: input.title, description: input.description ?? "" },
        }),
      ),
    (task) => ({ type: "task.created", data: task }),
  );
}

export async function listTasks(userId: string, params: { status?: TaskStatus } = {}): Promise<TaskList> {
  const where = { userId, ...statusFilter(params.status ?? "all") };
  const rows = await prisma.task.findMany({ where, orderBy: newestFirst, take: TASK_LIST_LIMIT });
  const count = rows.length < TASK_LIST_LIMIT ? rows.length : await prisma.task.count({ where });
  return { tasks: rows.map(toTaskDto), count };
}

export async function getTask(userId: string, taskId: number): Promise<TaskDto> {
  const row = await prisma.task.findFirst({ where: { id: taskId, userId } });
  if (!row) throw new TaskNotFoundError(taskId);
  return toTaskDto(row);
}

export async function updateTask(actor: Actor, taskId: number, input: UpdateTaskInput): Promise<TaskDto> {
  return change(
    actor,
    async (tx) =>
      toTaskDto(
        await orNotFound(
          taskId,
          tx.task.update({
            where: { id: taskId, userId: actor.userId },
            data: { title: input.title, description: input.description, completed: input.completed },
          }),
        ),
      ),
    (task) => ({ type: "task.updated", data: task }),
  );
}

export function setTaskCompleted(actor: Actor, taskId: number, completed: boolean): Promise<TaskDto> {
  return updateTask(actor, taskId, { completed });
}

export async function deleteTask(actor: Actor, taskId: number): Promise<DeletedTask> {
  const row = await change(
    actor,
    (tx) =>
      orNotFound(taskId, tx.task.delete({ where: { id: taskId, userId: actor.userId }, select: { id: true, title: true } })),
    (deleted) => ({ type: "task.deleted", data: deleted }),
  );
  return { id: row.id, title: row.title, deleted: true };
}
