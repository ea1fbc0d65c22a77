// Shown at once while the server renders the list (navigations from Chat feel instant).
export default function TasksLoading() {
  return (
    <main className="h-full overflow-y-auto" aria-busy="true">
      <div className="mx-auto w-full max-w-2xl animate-pulse px-4 pt-6 pb-16 sm:px-6 sm:pt-10">
        <span className="sr-only">Loading your tasks…</span>
        <div aria-hidden="true">
          <div className="h-8 w-28 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
          <div className="mt-3 h-4 w-72 max-w-full rounded bg-zinc-100 dark:bg-zinc-900" />
          <div className="mt-6 h-33 rounded-xl border border-zinc-200 dark:border-zinc-800" />
          <div className="mt-6 flex items-center justify-between">
            <div className="h-4 w-20 rounded bg-zinc-100 dark:bg-zinc-900" />
            <div className="hidden h-10 w-80 rounded-xl bg-zinc-100 sm:block dark:bg-zinc-900" />
          </div>
          <div className="mt-3 divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {[0, 1, 2].map((i) => (
              <div key={i} className="flex gap-3 px-5 py-4">
                <div className="size-5 rounded-md bg-zinc-200 dark:bg-zinc-800" />
                <div className="flex-1 space-y-2">
                  <div className="h-4 w-1/2 rounded bg-zinc-200 dark:bg-zinc-800" />
                  <div className="h-3 w-24 rounded bg-zinc-100 dark:bg-zinc-900" />
                </div>
              </div>
            ))}
          </div>
        </div>
      </div>
    </main>
  );
}
