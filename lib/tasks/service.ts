import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateTaskInput, TaskStatus, UpdateTaskInput } from "./schemas";

// The only code that touches task rows. Every query is scoped by the user id.

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

export async function addTask(userId: string, input: CreateTaskInput): Promise<TaskDto> {
  const row = await prisma.task.create({
    data: { userId, title: input.title, description: input.description ?? "" },
  });
  return toTaskDto(row);
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

export async function updateTask(userId: string, taskId: number, input: UpdateTaskInput): Promise<TaskDto> {
  const row = await orNotFound(
    taskId,
    prisma.task.update({
      where: { id: taskId, userId },
      data: { title: input.title, description: input.description, completed: input.completed },
    }),
  );
  return toTaskDto(row);
}

export function setTaskCompleted(userId: string, taskId: number, completed: boolean): Promise<TaskDto> {
  return updateTask(userId, taskId, { completed });
}

export async function deleteTask(userId: string, taskId: number): Promise<DeletedTask> {
  const row = await orNotFound(
    taskId,
    prisma.task.delete({ where: { id: taskId, userId }, select: { id: true, title: true } }),
  );
  return { id: row.id, title: row.title, deleted: true };
}
