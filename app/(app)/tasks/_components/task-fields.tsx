"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { MAX_TAGS, MAX_TAG_LENGTH, TASK_PRIORITIES } from "@/lib/tasks/schemas";
import {
  type DraftField,
  type FieldErrors,
  type FieldsDraft,
  PRIORITY_LABELS,
  REPEAT_PRESETS,
  addTags,
  splitTags,
  withAllDay,
} from "../_lib/task-fields";
import { field, fieldError } from "./styles";

type Props = {
  /** Prefix of the inputs' ids (unique on the page). */
  id: string;
  draft: FieldsDraft;
  onChange: (draft: FieldsDraft) => void;
  errors: FieldErrors;
  disabled?: boolean;
  /** The user's zone, named next to the times. */
  zone: string;
};

const label = "block text-sm font-medium text-zinc-700 dark:text-zinc-200";
const hint = "mt-1 text-xs text-muted";

/** Due date-time (or a whole day), reminder, priority, repeat and tags: the part-2 fields of a task. */
export function TaskFields({ id, draft, onChange, errors, disabled, zone }: Props) {
  const set = (patch: Partial<FieldsDraft>) => onChange({ ...draft, ...patch });
  const errorId = (f: DraftField) => `${id}-${f}-error`;
  const invalid = (f: DraftField) =>
    errors[f] ? { "aria-invalid": true as const, "aria-describedby": errorId(f) } : {};
  const errorText = (f: DraftField) =>
    errors[f] ? (
      <p id={errorId(f)} role="alert" className={fieldError}>
        {errors[f]}
      </p>
    ) : null;

  return (
    <fieldset disabled={disabled} className="grid gap-3 sm:grid-cols-2">
      <legend className="sr-only">Details</legend>
      <div>
        <label htmlFor={`${id}-due`} className={label}>
          Due
        </label>
        <input
          id={`${id}-due`}
          type={draft.allDay ? "date" : "datetime-local"}
          value={draft.due}
          onChange={(e) => set({ due: e.target.value })}
          className={`${field} mt-1`}
          {...invalid("due_at")}
        />
        <label className="mt-1.5 inline-flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input
            type="checkbox"
            checked={draft.allDay}
            onChange={(e) => set({ allDay: e.target.checked, due: withAllDay(draft.due, e.target.checked) })}
            className="size-4 accent-indigo-600"
          />
          All day
        </label>
        {errorText("due_at")}
      </div>
      <div>
        <label htmlFor={`${id}-remind`} className={label}>
          Reminder
        </label>
        <input
          id={`${id}-remind`}
          type="datetime-local"
          value={draft.remind}
          onChange={(e) => set({ remind: e.target.value })}
          aria-describedby={errors.remind_at ? errorId("remind_at") : `${id}-zone`}
          aria-invalid={errors.remind_at ? true : undefined}
          className={`${field} mt-1`}
        />
        <p id={`${id}-zone`} className={hint}>
          Times are in {zone.replaceAll("_", " ")}.
        </p>
        {errorText("remind_at")}
      </div>
      <div>
        <label htmlFor={`${id}-priority`} className={label}>
          Priority
        </label>
        <select
          id={`${id}-priority`}
          value={draft.priority}
          onChange={(e) => set({ priority: TASK_PRIORITIES.find((p) => p === e.target.value) ?? "none" })}
          className={`${field} mt-1`}
          {...invalid("priority")}
        >
          {TASK_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
        {errorText("priority")}
      </div>
      <div>
        <label htmlFor={`${id}-repeat`} className={label}>
          Repeat
        </label>
        <select
          id={`${id}-repeat`}
          value={draft.repeat}
          onChange={(e) => set({ repeat: REPEAT_PRESETS.find((p) => p.value === e.target.value)?.value ?? "none" })}
          className={`${field} mt-1`}
          {...(draft.repeat === "custom" ? {} : invalid("recurrence"))}
        >
          {REPEAT_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
        {draft.repeat === "custom" && (
          <>
            <label htmlFor={`${id}-repeat-text`} className="sr-only">
              Repeat rule
            </label>
            <input
              id={`${id}-repeat-text`}
              type="text"
              autoComplete="off"
              placeholder="e.g. every 2 weeks"
              maxLength={200}
              value={draft.repeatText}
              onChange={(e) => set({ repeatText: e.target.value })}
              className={`${field} mt-2`}
              {...invalid("recurrence")}
            />
          </>
        )}
        {errorText("recurrence")}
      </div>
      <TagsInput id={`${id}-tags`} tags={draft.tags} onChange={(tags) => set({ tags })} error={errors.tags} />
    </fieldset>
  );
}

/** Tags as chips: typing a comma, a space or Enter ends one; Backspace in an empty box removes the last. */
function TagsInput({
  id,
  tags,
  onChange,
  error,
}: {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  error: string | undefined;
}) {
  const [text, setText] = useState("");
  const commit = (words: string[]) => {
    if (words.length > 0) onChange(addTags(tags, words));
  };
  return (
    <div className="sm:col-span-2">
      <label htmlFor={id} className={label}>
        Tags
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-1.5">
        {tags.map((tag) => (
          <span
            key={tag}
            className="inline-flex items-center gap-0.5 rounded-full bg-zinc-100 py-0.5 pr-0.5 pl-2 text-sm text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
          >
            #{tag}
            <button
              type="button"
              onClick={() => onChange(tags.filter((t) => t !== tag))}
              className="inline-flex size-6 items-center justify-center rounded-full hover:bg-zinc-200 dark:hover:bg-zinc-700"
            >
              <X className="size-3.5" aria-hidden />
              <span className="sr-only">Remove tag {tag}</span>
            </button>
          </span>
        ))}
        <input
          id={id}
          type="text"
          autoComplete="off"
          enterKeyHint="enter"
          placeholder={tags.length === 0 ? "work, errands" : "Add a tag"}
          maxLength={MAX_TAG_LENGTH * MAX_TAGS}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(e) => {
            const { done, rest } = splitTags(e.target.value);
            commit(done);
            setText(rest);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && text.trim()) {
              e.preventDefault();
              commit(splitTags(`${text} `).done);
              setText("");
            } else if (e.key === "Backspace" && !text && tags.length > 0) {
              onChange(tags.slice(0, -1));
            }
          }}
          // A word left in the box when it loses focus is meant as a tag too.
          onBlur={() => {
            commit(splitTags(`${text} `).done);
            setText("");
          }}
          className={`${field} w-auto min-w-32 flex-1`}
        />
      </div>
      <p id={`${id}-hint`} className={hint}>
        Separate tags with commas or spaces; up to {MAX_TAGS}, each at most {MAX_TAG_LENGTH} characters.
      </p>
      {error && (
        <p id={`${id}-error`} role="alert" className={fieldError}>
          {error}
        </p>
      )}
    </div>
  );
}
