"use client";

import { ChevronDown, Loader2, Plus } from "lucide-react";
import { useRef, useState } from "react";
import { type CreateTaskInput, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "@/lib/tasks/schemas";
import type { TaskDto } from "@/lib/tasks/service";
import { askForReminderPermission } from "../_lib/reminder-permission";
import { changedFields, emptyDraft } from "../_lib/task-fields";
import { submitOnEnter, useTaskDraft } from "../_lib/use-task-draft";
import type { MutationResult } from "../_lib/use-task-list";
import { checkNewTask, failureOf } from "../_lib/validation";
import { CharCount } from "./char-count";
import { alertBox, fieldError, primaryButton, secondaryButton } from "./styles";
import { TaskFields } from "./task-fields";

type Props = { onAdd: (input: CreateTaskInput) => Promise<MutationResult<TaskDto>> };

const bare = "block w-full min-w-0 bg-transparent placeholder:text-muted focus:outline-none focus-visible:outline-none";

export function AddTaskForm({ onAdd }: Props) {
  const draft = useTaskDraft(() => ({ title: "", description: "", fields: emptyDraft }));
  const { title, description, fields, errors, serverError, pending } = draft;
  const [moreOpen, setMoreOpen] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  async function submit() {
    if (pending) return;
    const checked = draft.check(checkNewTask);
    if (!checked.ok) {
      if (checked.at === "fields") setMoreOpen(true);
      else (checked.at === "title" ? titleRef : descriptionRef).current?.focus();
      return;
    }
    const extra = changedFields(fields, emptyDraft);
    if (extra.remind_at) askForReminderPermission();
    draft.setPending(true);
    const result = await onAdd({ ...checked.data, ...extra });
    draft.setPending(false);
    if (!result.ok) {
      // Keep what was typed: the person fixes it or tries again, next to the field at fault.
      const failure = failureOf(result.error);
      if (failure.field && failure.field !== "title" && failure.field !== "description") setMoreOpen(true);
      draft.showFailure(failure);
      return;
    }
    draft.reset({ title: "", description: "", fields: emptyDraft });
    titleRef.current?.focus();
  }

  return (
    <form
      aria-label="Add a task"
      aria-busy={pending}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="rounded-xl border border-zinc-200 bg-white shadow-xs transition-shadow focus-within:border-indigo-500 focus-within:ring-3 focus-within:ring-indigo-500/20 dark:border-zinc-800 dark:bg-zinc-900 dark:focus-within:border-indigo-500"
    >
      <div className="flex items-center gap-3 px-4 pt-3">
        <Plus className="size-5 shrink-0 text-indigo-600 dark:text-indigo-400" aria-hidden />
        <label htmlFor="new-task-title" className="sr-only">
          New task
        </label>
        <input
          ref={titleRef}
          id="new-task-title"
          name="title"
          type="text"
          autoComplete="off"
          enterKeyHint="done"
          placeholder="Add a task…"
          {...draft.textProps("title", "new-task-title-error")}
          className={`${bare} py-1 text-base font-medium`}
        />
        <CharCount length={title.trim().length} max={TASK_TITLE_MAX} />
      </div>
      {errors.title && (
        <p id="new-task-title-error" role="alert" className={`${fieldError} px-4 pl-12`}>
          {errors.title}
        </p>
      )}
      <div className="px-4 pt-1 pb-2 pl-12">
        <label htmlFor="new-task-description" className="sr-only">
          Description
        </label>
        <textarea
          ref={descriptionRef}
          id="new-task-description"
          name="description"
          rows={1}
          placeholder="Description (optional)"
          {...draft.textProps("description", "new-task-description-error")}
          onKeyDown={submitOnEnter}
          className={`${bare} field-sizing-content max-h-48 min-h-6 resize-none py-0.5 text-sm text-zinc-600 dark:text-zinc-300`}
        />
        {errors.description && (
          <p id="new-task-description-error" role="alert" className={fieldError}>
            {errors.description}
          </p>
        )}
      </div>
      {moreOpen && (
        <div id="new-task-more" className="border-t border-zinc-100 px-4 py-3 dark:border-zinc-800">
          <TaskFields id="new-task" {...draft.fieldsProps} />
        </div>
      )}
      {serverError && (
        <p role="alert" className={`${alertBox} mx-3 mb-2`}>
          {serverError}
        </p>
      )}
      <div className="flex items-center justify-between gap-3 border-t border-zinc-100 px-3 py-2 dark:border-zinc-800">
        <p className="hidden pl-1 text-xs text-muted sm:block">
          <kbd className="font-sans">Enter</kbd> to add · <kbd className="font-sans">Shift + Enter</kbd> for a new line
        </p>
        <div className="ml-auto flex items-center gap-3">
          <CharCount length={description.length} max={TASK_DESCRIPTION_MAX} />
          <button
            type="button"
            aria-expanded={moreOpen}
            aria-controls={moreOpen ? "new-task-more" : undefined}
            onClick={() => setMoreOpen((open) => !open)}
            className={`${secondaryButton} gap-1`}
          >
            More options
            <ChevronDown className={`size-4 transition-transform ${moreOpen ? "rotate-180" : ""}`} aria-hidden />
          </button>
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
            {pending ? "Adding…" : "Add task"}
          </button>
        </div>
      </div>
    </form>
  );
}
