"use client";

import { useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { toggleId } from "./task-item";

/** `/tasks?task=7` (where a reminder links): brings task 7 into view and puts the focus on it. */
export function FocusTask() {
  const taskId = Number(useSearchParams().get("task"));
  useEffect(() => {
    if (!Number.isInteger(taskId) || taskId <= 0) return;
    const target = document.getElementById(toggleId(taskId));
    target?.scrollIntoView({ block: "center" });
    target?.focus();
  }, [taskId]);
  return null;
}
