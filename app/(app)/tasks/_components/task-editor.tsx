"use client";

import { Loader2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import type { TaskDto } from "@/lib/tasks/service";
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "@/lib/tasks/schemas";
import { type DraftErrors, checkTaskEdit } from "../_lib/validation";
import { CharCount } from "./char-count";
import { alertBox, field, fieldError, primaryButton, secondaryButton } from "./styles";

type Props = {
  task: TaskDto;
  /** Resolves to an error message to show, or null once saved. */
  onSave: (changes: { title: string; description: string }) => Promise<string | null>;
  onCancel: () => void;
};

/** Inline editing of a task's title and description: Enter saves, Escape cancels. */
export function TaskEditor({ task, onSave, onCancel }: Props) {
  const id = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // Opening the editor puts the caret at the end of the title, ready to type.
  useEffect(() => {
    const input = titleRef.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, []);

  async function save() {
    if (pending) return;
    const checked = checkTaskEdit({ title, description });
    setServerError(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    if (checked.data.title === task.title && checked.data.description === task.description) {
      onCancel();
      return;
    }
    setPending(true);
    const error = await onSave(checked.data);
    // On success the item closes this editor; on failure the draft stays as typed.
    if (error !== null) {
      setPending(false);
      setServerError(error);
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
          value={title}
          readOnly={pending}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${id}-title-error` : undefined}
          onChange={(e) => {
            setTitle(e.target.value);
            if (errors.title) setErrors((x) => ({ ...x, title: undefined }));
          }}
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
          value={description}
          readOnly={pending}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errors.description ? `${id}-description-error` : undefined}
          onChange={(e) => {
            setDescription(e.target.value);
            if (errors.description) setErrors((x) => ({ ...x, description: undefined }));
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
          className={`${field} field-sizing-content max-h-60 min-h-16 resize-none`}
        />
        {errors.description && (
          <p id={`${id}-description-error`} role="alert" className={fieldError}>
            {errors.description}
          </p>
        )}
      </div>
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
