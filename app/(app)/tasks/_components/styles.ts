// Class lists shared by the tasks page's controls (the design language of the auth form).

export const primaryButton =
  "inline-flex min-h-10 items-center justify-center gap-1.5 rounded-lg bg-indigo-600 px-3.5 text-sm font-medium text-white shadow-sm transition-colors hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 sm:min-h-9";

export const secondaryButton =
  "inline-flex min-h-10 items-center justify-center rounded-lg px-3 text-sm font-medium text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 disabled:cursor-not-allowed disabled:opacity-60 sm:min-h-9 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-white";

export const iconButton =
  "inline-flex size-10 shrink-0 items-center justify-center rounded-lg text-muted transition-colors hover:bg-zinc-100 hover:text-zinc-700 disabled:cursor-not-allowed disabled:opacity-50 sm:size-8 dark:hover:bg-zinc-800 dark:hover:text-zinc-200";

export const field =
  "block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-base shadow-xs placeholder:text-muted focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/30 sm:text-sm dark:border-zinc-700 dark:bg-zinc-950 dark:aria-invalid:border-red-500";

export const fieldError = "mt-1.5 text-sm text-red-600 dark:text-red-400";

export const alertBox = "rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950/50 dark:text-red-300";
