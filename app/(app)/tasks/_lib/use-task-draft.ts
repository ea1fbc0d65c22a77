"use client";

import { type ChangeEvent, type KeyboardEvent, useState } from "react";
import { useUserZone } from "../../_lib/user-zone";
import { type FieldErrors, type FieldsDraft, checkFields } from "./task-fields";
import type { Checked, DraftErrors, SaveFailure, TaskDraft } from "./validation";

// What the add form and the inline editor share: a task's draft (title, description and the
// part-2 fields), its errors next to each field, and the wiring of the inputs and TaskFields.

type Draft = TaskDraft & { fields: FieldsDraft };

export function useTaskDraft(initial: () => Draft) {
  const zone = useUserZone();
  const [start] = useState(initial);
  const [title, setTitle] = useState(start.title);
  const [description, setDescription] = useState(start.description);
  const [fields, setFields] = useState(start.fields);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  /** Props of the title input or the description box: typing clears that field's error. */
  const textProps = (name: keyof TaskDraft, errorId: string) => ({
    value: name === "title" ? title : description,
    readOnly: pending,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? errorId : undefined,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      (name === "title" ? setTitle : setDescription)(e.target.value);
      if (errors[name]) setErrors((x) => ({ ...x, [name]: undefined }));
    },
  });

  return {
    zone,
    title,
    description,
    fields,
    errors,
    serverError,
    pending,
    setPending,
    /** The draft the form starts from (the editor compares against it). */
    initialFields: start.fields,
    textProps,
    /** Props of TaskFields: a change clears the fields' errors; read-only while saving. */
    fieldsProps: {
      draft: fields,
      onChange: (next: FieldsDraft) => {
        setFields(next);
        if (Object.keys(fieldErrors).length > 0) setFieldErrors({});
      },
      errors: fieldErrors,
      disabled: pending,
      zone,
    },
    /**
     * Checks what the page can check itself, showing each problem next to its field: the checked
     * title and description, or where the first problem is.
     */
    check<T>(
      checkText: (draft: TaskDraft) => Checked<T>,
    ): { ok: true; data: T } | { ok: false; at: keyof TaskDraft | "fields" } {
      const checked = checkText({ title, description });
      const checkedFields = checkFields(fields);
      setServerError(null);
      setFieldErrors(checkedFields);
      if (!checked.ok) {
        setErrors(checked.errors);
        return { ok: false, at: checked.errors.title ? "title" : "description" };
      }
      setErrors({});
      if (Object.keys(checkedFields).length > 0) return { ok: false, at: "fields" };
      return { ok: true, data: checked.data };
    },
    /** Shows a failed save next to the field the server named (or above the buttons). */
    showFailure(failure: SaveFailure): void {
      if (failure.field === "title" || failure.field === "description") setErrors({ [failure.field]: failure.message });
      else if (failure.field) setFieldErrors({ [failure.field]: failure.message });
      else setServerError(failure.message);
    },
    reset(next: Draft): void {
      setTitle(next.title);
      setDescription(next.description);
      setFields(next.fields);
    },
  };
}

/** Enter in a description box submits its form, like the title field; Shift+Enter starts a new line. */
export function submitOnEnter(e: KeyboardEvent<HTMLTextAreaElement>): void {
  if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
}
