"use client";

import { PageError } from "@/app/_components/page-error";

// The list could not be loaded: say so (and why, when the database is away) and offer a retry.
export default function TasksError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <PageError
      title="Couldn't load your tasks"
      detail="Something went wrong on our side. Your tasks are safe; try again in a moment."
      retry={retry}
    />
  );
}
