"use client";

import { Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import { iconButton } from "./styles";

const CONFIRM_MS = 4_000;

type Props = { title: string; disabled?: boolean; onArm: () => void; onConfirm: () => void };

/**
 * Two steps: "Delete" turns into "Confirm delete" for a few seconds; leaving it (blur, Escape,
 * time) disarms it. Focus stays on the same button, so Enter twice deletes.
 */
export function DeleteButton({ title, disabled, onArm, onConfirm }: Props) {
  const [armed, setArmed] = useState(false);

  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [armed]);

  return (
    <button
      type="button"
      disabled={disabled}
      title={armed ? undefined : "Delete"}
      onClick={() => {
        if (armed) {
          setArmed(false);
          onConfirm();
        } else {
          setArmed(true);
          onArm();
        }
      }}
      onBlur={() => setArmed(false)}
      onKeyDown={(e) => {
        if (e.key === "Escape" && armed) {
          e.stopPropagation();
          setArmed(false);
        }
      }}
      className={
        armed
          ? "inline-flex h-10 shrink-0 items-center gap-1.5 rounded-lg bg-red-600 px-3 text-sm font-medium whitespace-nowrap text-white shadow-sm transition-colors hover:bg-red-500 sm:h-8 sm:px-2.5"
          : `${iconButton} hover:text-red-600 dark:hover:text-red-400`
      }
    >
      <Trash2 className="size-4" aria-hidden />
      {armed ? (
        <span>
          Confirm<span className="max-sm:sr-only"> delete</span>
          <span className="sr-only"> “{title}”</span>
        </span>
      ) : (
        <span className="sr-only">Delete “{title}”</span>
      )}
    </button>
  );
}
