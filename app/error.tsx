"use client";

import { PageError } from "./_components/page-error";

// Any page that could not be rendered (the database did not answer, say).
export default function AppError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <PageError
      title="Something went wrong"
      detail="This page couldn't be loaded. Try again in a moment."
      retry={retry}
    />
  );
}
