"use client";

import { Loader2 } from "lucide-react";
import { useEffect, useId, useRef } from "react";
import type { TaskDto } from "@/lib/tasks/service";
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX, type UpdateTaskInput } from "@/lib/tasks/schemas";
import { useUserZone } from "../../_lib/user-zone";
import { changedFields, draftOf } from "../_lib/task-fields";
import { submitOnEnter, useTaskDraft } from "../_lib/use-task-draft";
import { type SaveFailure, checkTaskEdit } from "../_lib/validation";
import { askForReminderPermission } from "../_lib/reminder-permission";
import { CharCount } from "./char-count";
import { alertBox, field, fieldError, primaryButton, secondaryButton } from "./styles";
import { TaskFields } from "./task-fields";

type Props = {
  task: TaskDto;
  /** Resolves to what went wrong, or null once saved. */
  onSave: (changes: UpdateTaskInput) => Promise<SaveFailure | null>;
  onCancel: () => void;
};

/** Inline editing of a task: title, description, due date, reminder, priority, repeat and tags. */
export function TaskEditor({ task, onSave, onCancel }: Props) {
  const id = useId();
  const zone = useUserZone();
  const draft = useTaskDraft(() => ({ title: task.title, description: task.description, fields: draftOf(task, zone) }));
  const { title, description, fields, errors, serverError, pending, initialFields } = draft;
  const titleRef = useRef<HTMLInputElement>(null);

  // Opening the editor puts the caret at the end of the title, ready to type.
  useEffect(() => {
    const input = titleRef.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, []);

  async function save() {
    if (pending) return;
    const checked = draft.check(checkTaskEdit);
    if (!checked.ok) return;
    const changes: UpdateTaskInput = {
      ...(checked.data.title !== task.title && { title: checked.data.title }),
      ...(checked.data.description !== task.description && { description: checked.data.description }),
      ...changedFields(fields, initialFields),
    };
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    if (changes.remind_at) askForReminderPermission();
    draft.setPending(true);
    const failure = await onSave(changes);
    // On success the item closes this editor; on failure the draft stays as typed.
    if (failure !== null) {
      draft.setPending(false);
      draft.showFailure(failure);
    }
  }

  return (
    <form
      aria-label={`Edit “${task.title}”`}
      aria-busy={pending}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !pending) {
          e.preventDefault();
          onCancel();
        }
      }}
      className="space-y-2"
    >
      <div>
        <label htmlFor={`${id}-title`} className="sr-only">
          Title
        </label>
        <input
          id={`${id}-title`}
          type="text"
          autoComplete="off"
          enterKeyHint="done"
          ref={titleRef}
          {...draft.textProps("title", `${id}-title-error`)}
          className={`${field} font-medium`}
        />
        {errors.title && (
          <p id={`${id}-title-error`} role="alert" className={fieldError}>
            {errors.title}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="sr-only">
          Description
        </label>
        <textarea
          id={`${id}-description`}
          rows={2}
          placeholder="Description (optional)"
          {...draft.textProps("description", `${id}-description-error`)}
          onKeyDown={submitOnEnter}
          className={`${field} field-sizing-content max-h-60 min-h-16 resize-none`}
        />
        {errors.description && (
          <p id={`${id}-description-error`} role="alert" className={fieldError}>
            {errors.description}
          </p>
        )}
      </div>
      <TaskFields id={`${id}-fields`} {...draft.fieldsProps} />
      {serverError && (
        <p role="alert" className={alertBox}>
          {serverError}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
          {pending ? "Saving…" : "Save"}
        </button>
        <button type="button" disabled={pending} onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
        <span className="ml-auto flex items-center gap-3">
          <CharCount length={title.trim().length} max={TASK_TITLE_MAX} />
          <CharCount length={description.length} max={TASK_DESCRIPTION_MAX} />
          <span className="hidden text-xs text-muted sm:inline">Enter to save · Esc to cancel</span>
        </span>
      </div>
    </form>
  );
}
