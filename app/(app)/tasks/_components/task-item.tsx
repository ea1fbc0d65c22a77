"use client";

import { Pencil, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { UpdateTaskInput } from "@/lib/tasks/schemas";
import type { TaskDto } from "@/lib/tasks/service";
import type { SaveFailure } from "../_lib/validation";
import { DeleteButton } from "./delete-button";
import { RelativeTime } from "@/app/_components/relative-time";
import { TaskMeta } from "../../_components/task-meta";
import { iconButton } from "./styles";
import { TaskCheckbox } from "./task-checkbox";
import { TaskEditor } from "./task-editor";

export const toggleId = (taskId: number) => `task-${taskId}-toggle`;

type Props = {
  task: TaskDto;
  busy: boolean;
  error: string | undefined;
  onToggle: (completed: boolean) => void;
  onSave: (changes: UpdateTaskInput) => Promise<SaveFailure | null>;
  onArmDelete: () => void;
  onDelete: () => void;
  onDismissError: () => void;
};

export function TaskItem({ task, busy, error, onToggle, onSave, onArmDelete, onDelete, onDismissError }: Props) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const refocusEditButton = useRef(false);

  function closeEditor() {
    refocusEditButton.current = true;
    setEditing(false);
  }

  // Back to where editing started once the button is rendered again (after a save, that render
  // happens whenever React gets to it, so this waits for the commit rather than a frame).
  useEffect(() => {
    if (editing || !refocusEditButton.current) return;
    refocusEditButton.current = false;
    editButton.current?.focus();
  }, [editing]);

  // A grid, so the actions can sit in the meta line on a phone (giving the title the full
  // width) and in their own column from `sm` up.
  return (
    <li
      aria-busy={busy || undefined}
      className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 px-4 py-3.5 transition-colors hover:bg-zinc-50/80 sm:grid-cols-[auto_minmax(0,1fr)_auto] sm:px-5 dark:hover:bg-zinc-900/50"
    >
      <div className="row-span-3 pt-0.5">
        <TaskCheckbox
          id={toggleId(task.id)}
          title={task.title}
          checked={task.completed}
          busy={busy}
          onChange={onToggle}
        />
      </div>
      {editing ? (
        <div className="col-start-2 min-w-0 sm:col-span-2">
          <TaskEditor
            task={task}
            onCancel={closeEditor}
            onSave={async (changes) => {
              const failure = await onSave(changes);
              if (failure === null) closeEditor();
              return failure;
            }}
          />
        </div>
      ) : (
        <>
          <div className="col-start-2 min-w-0">
            <p
              className={`text-[15px] leading-6 font-medium wrap-anywhere ${
                task.completed
                  ? "text-muted line-through decoration-zinc-300 dark:decoration-zinc-600"
                  : "text-zinc-900 dark:text-zinc-100"
              }`}
            >
              {task.title}
            </p>
            {task.description && (
              <p className="mt-0.5 text-sm leading-5 whitespace-pre-line text-muted wrap-anywhere">
                {task.description}
              </p>
            )}
            <div className="mt-1">
              <TaskMeta task={task} />
            </div>
          </div>
          <p className="col-start-2 row-start-2 mt-1.5 self-center text-xs text-muted tabular-nums sm:self-start">
            <span>#{task.id}</span>
            <RelativeTime iso={task.created_at} prefix=" · " />
          </p>
          <div className="col-start-2 row-start-2 -my-1.5 -mr-2 flex items-center gap-0.5 self-center justify-self-end pt-1.5 sm:col-start-3 sm:row-span-2 sm:row-start-1 sm:my-0 sm:-mt-1 sm:items-start sm:self-start sm:pt-0">
            <button ref={editButton} type="button" title="Edit" onClick={() => setEditing(true)} className={iconButton}>
              <Pencil className="size-4" aria-hidden />
              <span className="sr-only">Edit “{task.title}”</span>
            </button>
            <DeleteButton title={task.title} onArm={onArmDelete} onConfirm={onDelete} />
          </div>
        </>
      )}
      {error && (
        <div className="col-start-2 mt-2 flex items-start gap-2 rounded-lg bg-red-50 py-1.5 pr-1.5 pl-3 text-sm text-red-700 sm:col-span-2 dark:bg-red-950/50 dark:text-red-300">
          <p role="alert" className="min-w-0 flex-1 py-0.5 wrap-anywhere">
            {error}
          </p>
          <button
            type="button"
            onClick={onDismissError}
            className="inline-flex size-7 shrink-0 items-center justify-center rounded-md hover:bg-red-100 dark:hover:bg-red-900/50"
          >
            <X className="size-4" aria-hidden />
            <span className="sr-only">Dismiss</span>
          </button>
        </div>
      )}
    </li>
  );
}
