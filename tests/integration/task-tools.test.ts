import { type ToolSet, asSchema } from "ai";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { addTask, getTask } from "@/lib/tasks/service";
import { type TaskToolName, TASK_TOOL_NAMES, runTaskTool, taskToolDefinitions, taskTools } from "@/lib/tasks/tools";
import { actor, createUser, setupTestDatabase } from "../helpers/in-process";

setupTestDatabase("task_tools");

let alice: { id: string };
let bob: { id: string };

beforeAll(async () => {
  alice = await createUser("Alice");
  bob = await createUser("Bob");
});

/** Calls a tool as the AI SDK does: the input validated (and normalised) by its schema first. */
async function exec(userId: string, name: TaskToolName, input: unknown): Promise<unknown> {
  // As a ToolSet, the way the SDK holds it: any tool, any input.
  const tools: ToolSet = taskTools(userId, "UTC");
  const tool = tools[name]!;
  const validated = await asSchema(tool.inputSchema).validate?.(input);
  if (!validated?.success) throw new Error(`invalid input for ${name}`);
  return tool.execute?.(validated.value, { toolCallId: "t1", messages: [] });
}

describe("taskTools(userId, timezone) — the chat agent's tools", () => {
  it("are exactly the five spec tools, none of which takes a user id", () => {
    const tools = taskTools(alice.id, "UTC");
    expect(Object.keys(tools).sort()).toEqual([
      "add_task",
      "complete_task",
      "delete_task",
      "list_tasks",
      "update_task",
    ]);
    for (const name of TASK_TOOL_NAMES) {
      const properties = Object.keys(
        z.toJSONSchema(taskToolDefinitions[name].inputSchema, { io: "input" }).properties ?? {},
      );
      expect(properties.filter((p) => /user/i.test(p))).toEqual([]);
      expect(tools[name].description!.length).toBeGreaterThan(40);
    }
  });

  it("run the whole lifecycle with the spec's results", async () => {
    const added = (await exec(alice.id, "add_task", { title: "  Buy milk  " })) as { id: number };
    expect(added).toMatchObject({ title: "Buy milk", description: "", completed: false });
    expect(await exec(alice.id, "list_tasks", { status: "pending" })).toMatchObject({
      count: expect.any(Number),
      tasks: expect.arrayContaining([expect.objectContaining({ id: added.id })]),
    });
    expect(await exec(alice.id, "complete_task", { task_id: added.id })).toMatchObject({
      id: added.id,
      completed: true,
    });
    expect(await exec(alice.id, "complete_task", { task_id: added.id, completed: false })).toMatchObject({
      completed: false,
    });
    expect(await exec(alice.id, "update_task", { task_id: added.id, title: "Buy oat milk" })).toMatchObject({
      title: "Buy oat milk",
    });
    expect(await exec(alice.id, "delete_task", { task_id: added.id })).toEqual({
      id: added.id,
      title: "Buy oat milk",
      deleted: true,
    });
  });

  it("return {error} instead of throwing for a missing or foreign task", async () => {
    const task = await addTask(actor(alice), { title: "Alice only" });
    for (const [name, input] of [
      ["complete_task", { task_id: task.id }],
      ["update_task", { task_id: task.id, title: "x" }],
      ["delete_task", { task_id: task.id }],
    ] as const) {
      expect(await exec(bob.id, name, input)).toEqual({ error: `Task ${task.id} not found` });
    }
    expect(await exec(alice.id, "delete_task", { task_id: 2_000_000_000 })).toEqual({
      error: "Task 2000000000 not found",
    });
    expect(await getTask(alice.id, task.id)).toMatchObject({ title: "Alice only", completed: false });
  });

  it("return {error} for input that breaks the schema", async () => {
    expect(await runTaskTool("update_task", actor(alice, "chat"), { task_id: 1 })).toEqual({
      error: expect.stringMatching(/at least one field/),
    });
    expect(await runTaskTool("add_task", actor(alice, "chat"), { title: "   " })).toEqual({
      error: expect.stringMatching(/title: /),
    });
  });
});
